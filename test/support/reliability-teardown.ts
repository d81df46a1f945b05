import { renderReliabilityReport } from './reliability-report';

export default async function teardown(): Promise<void> {
  renderReliabilityReport();
}
