/** "an Organization", "a License": the indefinite article for a type or noun in descriptions and messages. */
export const withArticle = (noun: string): string => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
