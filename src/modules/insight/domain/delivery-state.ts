export const DELIVERY_STATES = ['pending', 'retrying', 'delivered'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Delivered once it has a delivery time; otherwise retrying after a failed attempt, else pending. */
export function deliveryState(d: { delivered_at: Date | null; attempts: number }): DeliveryState {
  if (d.delivered_at) return 'delivered';
  return d.attempts > 0 ? 'retrying' : 'pending';
}
