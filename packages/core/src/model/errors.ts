/**
 * Errors the surfaces know how to report: each names the input at fault and the problem, so the CLI
 * can print one clear line and the API can answer 4xx instead of 500.
 */
export class ParallaxError extends Error {
  constructor(
    message: string,
    /** Machine-readable kind, stable across releases. */
    readonly code: 'invalid-input' | 'not-found' | 'integrity' | 'unsupported' | 'unavailable',
  ) {
    super(message);
    this.name = 'ParallaxError';
  }
}

/** The caller gave something that cannot be used: a bad file, option or filter value. */
export class InvalidInputError extends ParallaxError {
  constructor(message: string) {
    super(message, 'invalid-input');
    this.name = 'InvalidInputError';
  }
}

export class NotFoundError extends ParallaxError {
  constructor(message: string) {
    super(message, 'not-found');
    this.name = 'NotFoundError';
  }
}

/** A write would break the store's consistency (a claim citing a document that does not exist). */
export class IntegrityError extends ParallaxError {
  constructor(message: string) {
    super(message, 'integrity');
    this.name = 'IntegrityError';
  }
}

/** Something outside Parallax did not answer as needed: a server down, a timeout, a broken download. */
export class UnavailableError extends ParallaxError {
  constructor(message: string) {
    super(message, 'unavailable');
    this.name = 'UnavailableError';
  }
}
