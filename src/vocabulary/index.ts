// The shared vocabularies of the reading stages (rules as data): heading forms, category words, captions and
// punctuation. Layout, structure and extract all import them from here, so no stage reaches into another.
export * from './headings.js';
export * from './text.js';
