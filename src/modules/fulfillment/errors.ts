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

export type FulfillmentErrorCode = FulfillmentError['code']

export type QuoteError = Extract<FulfillmentError, { code: 'FULFILLMENT_UNKNOWN_OPTION' | 'FULFILLMENT_OPTION_NOT_AVAILABLE' }>
export type InvalidShippingInput = Extract<FulfillmentError, { code: 'FULFILLMENT_INVALID_INPUT' }>
