/**
 * Carriers price by started kilogram, so rates are asked for (and cached, and quoted) per band of
 * one kilogram: band n holds parcels over n−1 kg up to n kg and is priced at n kg. An empty or
 * weightless cart is band 1.
 */
export const weightBandOf = (grams: number): number => Math.max(1, Math.ceil(grams / 1000))

export const bandGrams = (band: number): number => band * 1000
