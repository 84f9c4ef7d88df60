import type { AutocompleteInteraction } from 'discord.js';
import { LIMITS } from './limits.js';

/** Up to 25 of `candidates` that contain what was typed, prefix matches first. */
export function suggest(candidates: readonly string[], typed: string): string[] {
  const needle = typed.trim().toLowerCase();
  const scored = candidates
    .map((c) => ({ c, at: c.toLowerCase().indexOf(needle) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => Number(a.at !== 0) - Number(b.at !== 0) || a.c.localeCompare(b.c));
  return scored.slice(0, LIMITS.autocompleteChoices).map(({ c }) => c);
}

export async function respondChoices(interaction: AutocompleteInteraction, values: string[]): Promise<void> {
  await interaction.respond(
    values.map((v) => ({ name: v.slice(0, LIMITS.choiceName), value: v.slice(0, LIMITS.choiceValue) })),
  );
}
