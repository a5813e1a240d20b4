/** How a live rate is named to the shopper: the service first (processing books `express` when the name says so). */
export const liveOptionName = (service: string, carrier: string, days: number): string => {
  const s = service.charAt(0).toUpperCase() + service.slice(1)
  return `${s} (${carrier}, ${days === 1 ? '1 day' : `${days} days`})`
}
