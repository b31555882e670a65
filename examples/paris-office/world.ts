/**
 * The simulated world of the Paris office mission: deterministic for a given seed.
 * Each surprise is drawn from a hash of (seed, what happens) for the step's identity in
 * the run (its ground action and which try of it this is: `ctx.attempt`, which a crash
 * does not advance), never from call order or timing, so a resumed run sees the same
 * world (test/team/resume-equivalence.test.ts). Some seeds make things go wrong: a
 * candidate declines the offer, the regulator cancels the meeting.
 */
import type { PlanningTool, ToolContext, ToolOutcome, World } from '../../src/team/index.js';

/** A number in [0, 1) from the seed and a label (FNV-1a, then a mulberry32 round). */
export function chance(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * Mixed into every draw. Chosen so that the default seed shows one surprise: with seed 1
 * chloe declines (one re-plan); seed 11: the regulator cancels the meeting; seed 7: both
 * amelie declining and a cancelled meeting (one re-plan naming both); seed 2: bastien,
 * the only ml engineer free to move, declines and the mission fails with the reasoner's
 * why-not; seed 17: no surprise.
 */
const SALT = 'g';

const MOTIVE_NOTE: Record<string, string> = {
  amelie: 'wants creative freedom she no longer had at her US lab',
  gabrielle: 'wants to be part of the Paris AI ecosystem',
  david: 'is mostly after compensation',
  bastien: 'is drawn by the Paris ecosystem after years in a US lab',
  emma: 'wants a collaborative team',
  chloe: 'wants to collaborate across labs on alignment',
  farid: 'wants creative freedom',
};

export function createWorld(seed: number): World {
  return {
    async execute(
      tool: PlanningTool,
      args: Record<string, string>,
      ctx: ToolContext,
    ): Promise<ToolOutcome> {
      switch (tool.name) {
        case 'make_offer': {
          const c = args.c!;
          // Only the first offer to c may be declined (a declined candidate is not asked again).
          if (ctx.attempt === 1 && chance(seed, `${SALT}decline ${c}`) < 0.3) {
            return {
              ok: false,
              reason: `${c} declined the offer (a counter-offer from the US lab)`,
              assert: [`(declined ${c})`],
            };
          }
          return { ok: true, note: `${c} accepts: ${MOTIVE_NOTE[c] ?? 'good fit'}` };
        }
        case 'meet_regulator':
          // The first meeting may be cancelled; the one planned after it takes place.
          if (ctx.attempt === 1 && chance(seed, `${SALT}cancel meeting`) < 0.3) {
            return {
              ok: false,
              reason: 'the regulator cancelled the meeting',
              retract: [`(meeting_scheduled ${args.o})`],
            };
          }
          return { ok: true, note: 'the regulator has no objection to the dossier' };
        default:
          return { ok: true };
      }
    },
  };
}
