/**
 * Talking to a team: an agent (src/agents) that converses about a mission and acts only
 * through the team chat tools (tools.ts), so every plan, proof and status it gives comes
 * from the planner, the reasoner and the run log. It cannot approve a step: the person
 * does (see tools.ts).
 */
import { agent } from '../../agents/index.js';
import type { Agent } from '../../agents/index.js';
import type { Model } from '../../models/index.js';
import { formatCondition } from '../../pddl/index.js';
import type { Mission } from '../types.js';
import { teamChatTools } from './tools.js';
import type { TeamChatSettings } from './tools.js';

/** What the assistant is told about the mission. */
export function teamInstructions(mission: Mission): string {
  const preds = mission.domain.predicates
    .map((p) => `(${[p.name, ...p.params.map((x) => x.name)].join(' ')})`)
    .join(', ');
  const agents = mission.agents.map((a) => `${a.name}${a.role ? ` (${a.role})` : ''}`).join('; ');
  return [
    `You are the assistant of the team of mission "${mission.name}"${mission.description ? `: ${mission.description.trim()}` : '.'}`,
    `The team: ${agents}.`,
    `The mission's goal: ${formatCondition(mission.goal)}.`,
    `Predicates: ${preds}.`,
    `Objects: ${mission.objects.map((o) => `${o.name} (${o.type})`).join(', ')}.`,
    'Answer from your tools, never from guesses: plan_for_goal to plan (write goals in PDDL over the predicates and objects above), explain_fact for why a fact holds or does not (quote the proof it returns), run_status and show_plan for runs, start_run only when the person asks to run.',
    'You cannot approve a step and must never claim to: approvals belong to the person, who is asked directly. If asked to approve, say that the person approves when asked.',
    'Be concise.',
  ].join('\n');
}

/** The team's assistant, with its tools; `model` answers for it. */
export function teamAssistant(settings: TeamChatSettings & { model: Model }): Agent<unknown> {
  return agent({
    name: `team-${settings.mission.name}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
    instructions: teamInstructions(settings.mission),
    model: settings.model,
    tools: teamChatTools(settings),
  }) as Agent<unknown>;
}

/** Without a model: the words that run the mission's own goal ("run", "/run", nothing). */
export function isRunRequest(text: string): boolean {
  return /^\/?(run)?$/i.test(text.trim());
}

/** The answer to plain words when no model is configured. */
export function notUnderstoodWithoutModel(mission: Mission): string {
  return `Without a model I do not understand plain words: send a PDDL goal such as ${formatCondition(mission.goal)}, or "run" to run the mission's own goal, or configure a model (ATELIER_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY) to talk in words.`;
}
