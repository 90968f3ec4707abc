/**
 * A nominal type: a string or number that the type checker keeps apart from others of the same
 * runtime type, so an EventId cannot be passed where a ClaimId is expected.
 */
export type Brand<T, Name extends string> = T & { readonly __brand: Name };
