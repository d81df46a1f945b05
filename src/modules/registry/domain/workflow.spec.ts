import { applyWorkflowPatch, newWorkflow } from './workflow';

describe('workflow descriptive fields', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const later = new Date('2026-01-02T00:00:00Z');

  it('a new workflow is named after its id, with no tags and an empty summary', () => {
    expect(newWorkflow('wf', {}, now)).toMatchObject({ id: 'wf', name: 'wf', tags: [], runs_total: 0, runs_failed: 0, last_run_id: null, created_at: now, updated_at: now });
  });

  it('a patch replaces present fields, keeps absent ones, and never touches the run summary', () => {
    const stored = { ...newWorkflow('wf', { owner: 'a', tags: ['x'], version: '1' }, now), runs_total: 5, last_run_id: 'r' };
    const next = applyWorkflowPatch(stored, { owner: 'b', tags: null, version: undefined, description: null }, later);
    expect(next).toMatchObject({ owner: 'b', tags: [], version: '1', description: null, runs_total: 5, last_run_id: 'r', updated_at: later, created_at: now });
  });
});
