/** The complete catalogue of fulfillment error codes. */
export type FulfillmentError =
  | { readonly code: 'FULFILLMENT_UNKNOWN_OPTION'; readonly message: string; readonly optionId: string }
  | {
      readonly code: 'FULFILLMENT_OPTION_NOT_AVAILABLE'
      readonly message: string
      readonly optionId: string
      readonly country: string
      readonly currency: string
    }
  | { readonly code: 'FULFILLMENT_UNKNOWN_ZONE'; readonly message: string; readonly zoneId: string }
  | { readonly code: 'FULFILLMENT_COUNTRY_TAKEN'; readonly message: string; readonly countries: string[] }
  | { readonly code: 'FULFILLMENT_INVALID_INPUT'; readonly message: string; readonly field: string }
  /** a live carrier rate shown to the cart has expired, or the cart's weight band changed since: quote again */
  | { readonly code: 'FULFILLMENT_QUOTE_EXPIRED'; readonly message: string; readonly optionId: string }

export type FulfillmentErrorCode = FulfillmentError['code']

export type QuoteError = Extract<FulfillmentError, { code: 'FULFILLMENT_UNKNOWN_OPTION' | 'FULFILLMENT_OPTION_NOT_AVAILABLE' }>
export type InvalidShippingInput = Extract<FulfillmentError, { code: 'FULFILLMENT_INVALID_INPUT' }>

/** Order processing (after checkout): webhooks, held orders. */
export type ProcessingError =
  | { readonly code: 'FULFILLMENT_UNKNOWN_CARRIER'; readonly message: string; readonly carrier: string }
  /** the webhook's signature does not verify (or is too old): nothing was recorded */
  | { readonly code: 'FULFILLMENT_BAD_SIGNATURE'; readonly message: string }
  /** no shipment of ours has that carrier id (yet: one booked a moment ago may not be committed); the carrier should retry */
  | { readonly code: 'FULFILLMENT_UNKNOWN_SHIPMENT'; readonly message: string; readonly shipmentIds: string[] }
  | { readonly code: 'FULFILLMENT_ORDER_NOT_FOUND'; readonly message: string }
  | { readonly code: 'FULFILLMENT_ORDER_NOT_HELD'; readonly message: string; readonly status: string }
  /** canceling a held order: the order is canceled, but voiding its payment failed; try again */
  | { readonly code: 'FULFILLMENT_PAYMENT_FAILED'; readonly message: string; readonly reason: string }

export type ProcessingErrorCode = ProcessingError['code']
