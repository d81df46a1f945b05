export const DELIVERY_STATES = ['pending', 'retrying', 'delivered', 'silenced'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Delivered once it has a delivery time; silenced when a silence held it back; otherwise retrying after a failed attempt, else pending. */
export function deliveryState(d: { delivered_at: Date | null; attempts: number; silenced_by?: string | null }): DeliveryState {
  if (d.delivered_at) return 'delivered';
  if (d.silenced_by) return 'silenced';
  return d.attempts > 0 ? 'retrying' : 'pending';
}
