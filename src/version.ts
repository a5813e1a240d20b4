/** Crest's version, as traces and the API reference report it (a module of its own, so the CLI can read it without loading the app). */
export const VERSION = '0.1.0'
