import { renderRecordedReport } from './reliability-report';

export default async function teardown(): Promise<void> {
  renderRecordedReport();
}
