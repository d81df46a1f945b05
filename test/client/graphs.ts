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
