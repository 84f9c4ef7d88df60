/**
 * The core's own refusals of a question, in the words every face shows (src/messages.ts holds
 * them with the faces' other fixed sentences): the core answers in them without reaching up to a face.
 */
export const REFUSALS = {
  emptyQuestion: 'Ask a question about the articles; /sources lists what they cover.',
  questionTooLong: (max: number) => `Questions can be at most ${max} characters long.`,
  onlyStopWords: 'That question has no words to search for; name a person, place or event.',
  badOption: 'That option is not valid.',
  limitRange: (max: number) => `The limit must be a whole number from 1 to ${max}.`,
} as const;
