import { DynamicTool } from '@langchain/core/tools';
import { Annotation, END, interrupt, MemorySaver, START, StateGraph } from '@langchain/langgraph';

/** Small real LangGraph graphs for the handler tests; every node appends its name to `trail`. */
export const State = Annotation.Root({
  value: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  trail: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
type S = typeof State.State;

const step = (name: string, fn: (v: number) => number = (v) => v) => async (s: S) => ({ value: fn(s.value), trail: [name] });

export function linearGraph() {
  return new StateGraph(State)
    .addNode('fetch', step('fetch', (v) => v + 1))
    .addNode('parse', step('parse', (v) => v * 10))
    .addNode('store', step('store'))
    .addEdge(START, 'fetch')
    .addEdge('fetch', 'parse')
    .addEdge('parse', 'store')
    .addEdge('store', END)
    .compile({ name: 'linear-graph' });
}

/** classify → (big | small) → done */
export function branchingGraph() {
  return new StateGraph(State)
    .addNode('classify', step('classify'))
    .addNode('big', step('big', (v) => v - 100))
    .addNode('small', step('small', (v) => v + 100))
    .addNode('done', step('done'))
    .addEdge(START, 'classify')
    .addConditionalEdges('classify', (s: S) => (s.value >= 50 ? 'big' : 'small'), ['big', 'small'])
    .addEdge('big', 'done')
    .addEdge('small', 'done')
    .addEdge('done', END)
    .compile({ name: 'branching-graph' });
}

export function failingGraph() {
  return new StateGraph(State)
    .addNode('load', step('load'))
    .addNode('explode', async () => {
      throw new Error('upstream said 503');
    })
    .addNode('never', step('never'))
    .addEdge(START, 'load')
    .addEdge('load', 'explode')
    .addEdge('explode', 'never')
    .addEdge('never', END)
    .compile({ name: 'failing-graph' });
}

/** prepare → enrich (a subgraph: lookup → score) → finish */
export function subgraphGraph() {
  const inner = new StateGraph(State)
    .addNode('lookup', step('lookup', (v) => v + 5))
    .addNode('score', step('score', (v) => v * 2))
    .addEdge(START, 'lookup')
    .addEdge('lookup', 'score')
    .addEdge('score', END)
    .compile({ name: 'enrich-subgraph' });
  return new StateGraph(State)
    .addNode('prepare', step('prepare'))
    .addNode('enrich', inner)
    .addNode('finish', step('finish'))
    .addEdge(START, 'prepare')
    .addEdge('prepare', 'enrich')
    .addEdge('enrich', 'finish')
    .addEdge('finish', END)
    .compile({ name: 'subgraph-graph' });
}

/** draft → approve (asks a human with interrupt()) → publish; needs a thread_id */
export function interruptingGraph() {
  return new StateGraph(State)
    .addNode('draft', step('draft'))
    .addNode('approve', async (s: S) => ({ value: s.value + Number(interrupt('approve the draft?')), trail: ['approve'] }))
    .addNode('publish', step('publish'))
    .addEdge(START, 'draft')
    .addEdge('draft', 'approve')
    .addEdge('approve', 'publish')
    .addEdge('publish', END)
    .compile({ name: 'hitl-graph', checkpointer: new MemorySaver() });
}

/**
 * fetch → llm (a chat model with token usage) → tool (a LangChain tool) → enrich (a subgraph:
 * lookup → score, which calls the model too) → explode (fails): what the OTLP side-by-side test runs.
 */
export function modelGraph(model: { invoke(input: string): Promise<unknown> }) {
  const lookupTool = new DynamicTool({ name: 'lookup_record', description: 'looks a record up', func: async (id: string) => `record ${id}` });
  const inner = new StateGraph(State)
    .addNode('lookup', step('lookup', (v) => v + 5))
    .addNode('score', async (s: S) => {
      await model.invoke('score it');
      return { value: s.value * 2, trail: ['score'] };
    })
    .addEdge(START, 'lookup')
    .addEdge('lookup', 'score')
    .addEdge('score', END)
    .compile({ name: 'enrich-subgraph' });
  return new StateGraph(State)
    .addNode('fetch', step('fetch', (v) => v + 1))
    .addNode('llm', async (s: S) => {
      await model.invoke('summarize');
      await model.invoke('and again');
      return { value: s.value, trail: ['llm'] };
    })
    .addNode('tool', async (s: S) => {
      await lookupTool.invoke(String(s.value));
      return { trail: ['tool'] };
    })
    .addNode('enrich', inner)
    .addNode('explode', async () => {
      throw new Error('node explode failed');
    })
    .addEdge(START, 'fetch')
    .addEdge('fetch', 'llm')
    .addEdge('llm', 'tool')
    .addEdge('tool', 'enrich')
    .addEdge('enrich', 'explode')
    .addEdge('explode', END)
    .compile({ name: 'model-graph' });
}
