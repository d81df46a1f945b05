/** The console's page of a signal: where Alertmanager's generatorURL and webhook payloads send people. */
export function signalPageUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/ui/signals/${id}`;
}
