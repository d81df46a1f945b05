/**
 * Runs in known failure families: each family shares its failing node, status and error text; the
 * inputs vary per run. Used by the similar-run tests on both vector stores.
 */
export interface FamilyRun {
  family: string;
  body: Record<string, unknown>;
}

const FAMILIES = [
  { family: 'timeout', wpk: 'invoice-agent', node: 'parse_invoice', error: 'TimeoutError: upstream OCR service did not answer within 30s' },
  { family: 'auth', wpk: 'invoice-agent', node: 'fetch_document', error: 'HTTP 401 Unauthorized from https://storage.example.com/bucket: token expired' },
  { family: 'schema', wpk: 'support-bot', node: 'extract_fields', error: 'ValidationError: field "total" expected number, got string' },
  { family: 'ratelimit', wpk: 'support-bot', node: 'call_llm', error: 'RateLimitError: 429 Too Many Requests, quota exceeded for model gpt-4o' },
] as const;

const CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];

export function familyRuns(perFamily = 5, prefix = 'fam'): FamilyRun[] {
  const runs: FamilyRun[] = [];
  FAMILIES.forEach((f, fi) => {
    for (let i = 0; i < perFamily; i++) {
      runs.push({
        family: f.family,
        body: {
          wpk_id: f.wpk,
          run_id: `${prefix}-${f.family}-${i}`,
          status: 'failed',
          error: f.error,
          inputs: { customer: CUSTOMERS[(i + fi) % CUSTOMERS.length], invoice_id: `INV-${1000 + i * 7 + fi}`, pages: i + 1 },
          outputs: null,
          node_logs: [
            { node: 'start', status: 'completed' },
            { node: f.node, status: 'failed', error: f.error },
          ],
          created_at: `2026-01-${String(10 + i).padStart(2, '0')}T10:00:00Z`,
        },
      });
    }
  });
  return runs;
}
