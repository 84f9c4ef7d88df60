/** Discord's message limits (developer docs, "Embed Limits" and "Create Message"). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedsTotal: 6000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;
