// How search compares people's names and usernames: case and accents ignored ("muller" finds Jürgen Müller,
// "ÇAĞLA" finds Çağla). This is the twin of the SQL function `inbox_search_fold` (migration
// 20261206650000_contact_search_fold), which the trigram index of contacts is built on: the term is folded
// here, the stored text there, and search-fold.int.test.ts runs both over the same strings.
//
//   Unicode NFD (é → e + ◌́), combining marks U+0300–U+036F removed, lower case.
//
// Letters that are not a base letter plus a mark (ß, æ, ø, ł) stay as they are, in both places.
// Pure: no I/O.

const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(COMBINING_MARKS, "").toLowerCase();
}

/** The SQL expression a contact is found by (it must stay exactly the indexed expression). */
export const CONTACT_SEARCH_TEXT_SQL = (alias: string) => `inbox_contact_search_text(${alias}.name, ${alias}.username)`;
