import { Annotation, END, START, StateGraph } from '@langchain/langgraph';

/**
 * The demo's agent pipeline: fetch → parse → enrich → decide → store, plain functions with
 * jittered sleeps (no LLM, no network). `conditions.enrichSlow` makes enrich slow, and
 * `conditions.enrichFailureRate` makes it fail that often, to give the insight engine something to find.
 */
export const DEMO_WORKFLOW = 'demo-invoice-agent';

export interface DemoConditions {
  enrichSlow: boolean;
  enrichFailureRate: number;
}

export const InvoiceState = Annotation.Root({
  invoice_url: Annotation<string>(),
  document: Annotation<string | undefined>(),
  fields: Annotation<{ vendor: string; total: number; currency: string } | undefined>(),
  vendor_risk: Annotation<number | undefined>(),
  decision: Annotation<'approve' | 'review' | undefined>(),
  record_id: Annotation<string | undefined>(),
});
type S = typeof InvoiceState.State;

const VENDORS = ['acme-gmbh', 'globex', 'initech', 'umbrella-ltd', 'stark-industries'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** ms ± 25 %, never below 1 */
export const jitter = (ms: number) => Math.max(1, Math.round(ms * (0.75 + Math.random() * 0.5)));

export function buildDemoGraph(conditions: DemoConditions) {
  return new StateGraph(InvoiceState)
    .addNode('fetch', async (s: S) => {
      await sleep(jitter(30));
      return { document: `%PDF-1.7 invoice ${s.invoice_url}` };
    })
    .addNode('parse', async (s: S) => {
      await sleep(jitter(15));
      const n = Number(/(\d+)\.pdf$/.exec(s.invoice_url)?.[1] ?? 0);
      return { fields: { vendor: VENDORS[n % VENDORS.length], total: Math.round((80 + ((n * 7919) % 4000)) * 100) / 100, currency: 'EUR' } };
    })
    .addNode('enrich', async (s: S) => {
      await sleep(jitter(conditions.enrichSlow ? 420 : 35));
      if (Math.random() < conditions.enrichFailureRate) {
        throw new Error(`vendor-registry lookup for ${s.fields?.vendor} timed out after 400 ms (upstream 504)`);
      }
      return { vendor_risk: Math.round(Math.random() * 100) / 100 };
    })
    .addNode('decide', async (s: S) => {
      await sleep(jitter(10));
      return { decision: (s.vendor_risk ?? 1) > 0.8 || (s.fields?.total ?? 0) > 3500 ? ('review' as const) : ('approve' as const) };
    })
    .addNode('store', async (s: S) => {
      await sleep(jitter(20));
      return { record_id: `inv-${s.invoice_url.replace(/\D/g, '')}` };
    })
    .addEdge(START, 'fetch')
    .addEdge('fetch', 'parse')
    .addEdge('parse', 'enrich')
    .addEdge('enrich', 'decide')
    .addEdge('decide', 'store')
    .addEdge('store', END)
    .compile({ name: DEMO_WORKFLOW });
}
