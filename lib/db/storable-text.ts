// Postgres text refuses the NUL character, which JSON and form posts can carry ("a\u0000b").
// Everything stored from outside goes through this, so both databases store the same text.
const NUL = /\u0000/g;

/** The text with each NUL replaced by U+FFFD. */
export const storableText = (value: string) => (value.includes("\u0000") ? value.replace(NUL, "\uFFFD") : value);
