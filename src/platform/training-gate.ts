import type { Actor } from './auth/actor.ts';
import { AppError } from './errors.ts';

/**
 * Some roles must complete a training pathway before they may open persons' files (a
 * volunteer follows "Accueillir et accompagner" first). The people module asks this gate;
 * the pathways module, which comes later in the module order, registers the check — so people
 * never imports pathways. With no check registered, everyone passes.
 */
export interface MissingTraining {
  pathwayId: string;
  title: string;
}

export interface TrainingGateResult {
  allowed: boolean;
  missing?: MissingTraining[];
}

export type TrainingGateCheck = (actor: Actor) => Promise<TrainingGateResult>;

export class TrainingGateRegistry {
  readonly #checks: TrainingGateCheck[] = [];

  register(check: TrainingGateCheck): void {
    this.#checks.push(check);
  }

  /** Every registered check must allow; the missing trainings of all of them are listed. */
  async check(actor: Actor): Promise<TrainingGateResult> {
    const missing: MissingTraining[] = [];
    for (const check of this.#checks) {
      const result = await check(actor);
      if (!result.allowed) missing.push(...(result.missing ?? []));
    }
    return missing.length === 0 ? { allowed: true } : { allowed: false, missing };
  }

  /**
   * Throws a 403 naming the trainings still to complete. Call it before showing or changing
   * a person's file: `await ctx.trainingGate.assertAllowed(actor)`.
   */
  async assertAllowed(actor: Actor): Promise<void> {
    const result = await this.check(actor);
    if (result.allowed) return;
    const titles = (result.missing ?? []).map((m) => `« ${m.title} »`).join(', ');
    throw new AppError(403, 'training_required', 'trainingGate.required', { formations: titles }, { trainings: titles });
  }
}
