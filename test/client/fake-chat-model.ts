import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

/**
 * A chat model that answers without a network and reports token usage as LangChain chat models
 * do (usage_metadata on the message, tokenUsage in llmOutput): asked for `fake-gpt`, it answers
 * as the dated `fake-gpt-2026-01-01`, like hosted models.
 */
export class FakeChatModel extends BaseChatModel {
  constructor(private readonly tokens: { input: number; output: number } = { input: 12, output: 5 }) {
    super({});
  }

  _llmType(): string {
    return 'fake-chat';
  }

  override invocationParams(): Record<string, unknown> {
    return { model: 'fake-gpt' };
  }

  async _generate(): Promise<ChatResult> {
    const { input, output } = this.tokens;
    const message = new AIMessage({
      content: 'ok',
      usage_metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output },
      response_metadata: { model_name: 'fake-gpt-2026-01-01' },
    });
    return { generations: [{ text: 'ok', message }], llmOutput: { tokenUsage: { promptTokens: input, completionTokens: output, totalTokens: input + output } } };
  }
}
