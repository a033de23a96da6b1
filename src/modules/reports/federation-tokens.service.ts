/**
 * A federation's API tokens, for its own software. Rules owned here:
 * - only the federation's signed-in account (federation.tokens) creates, lists and revokes
 *   them, from its pages or the JSON API, and only its own federation's: another federation's
 *   token answers 404; a token itself never manages tokens;
 * - an operator of the installation does the same from the command line (`lieudit
 *   federation-token`), for the federation it names; the token is then hosted by one of the
 *   federation's centres, as one made by its account is hosted by the account's centre;
 * - the clear token is answered once, to its creator, and never stored (its SHA-256 only);
 * - a token acts as the federation's account on the routes that ask for federation.read, and
 *   nothing else (src/platform/http/access.ts); a revoked one is refused (401);
 * - every creation and revocation is audited, as a centre's tokens are.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import type { FederationApiTokenRow } from '../../platform/auth/auth.repository.ts';
import { audit } from '../../platform/audit.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, invalid } from '../../platform/errors.ts';
import { isFederationToken } from '../../platform/http/access.ts';
import type { FederationService } from './federation.service.ts';

export type FederationToken = FederationApiTokenRow;

/** A token just made: its row, and its clear value, answered this once. */
export type CreatedFederationToken = FederationToken & { token: string };

const NAME_MAX = 80;

export class FederationTokensService {
  constructor(
    private readonly ctx: AppContext,
    private readonly federation: FederationService,
  ) {}

  // — the federation's signed-in account (pages and JSON API) —

  /** The actor's federation id, for its signed-in account only. */
  async #federationId(actor: Actor): Promise<string> {
    requirePermission(actor, 'federation.tokens');
    if (isFederationToken(actor)) throw forbidden();
    return (await this.federation.federationOf(actor)).id;
  }

  async listAs(actor: Actor): Promise<FederationToken[]> {
    return this.ctx.auth.listFederationTokens(await this.#federationId(actor));
  }

  /** One token of the actor's federation; 404 for another's. */
  async findAs(actor: Actor, id: string): Promise<FederationToken> {
    return this.ctx.auth.findFederationToken(await this.#federationId(actor), id);
  }

  /** Creates a token hosted by the account's centre; its clear value is in the answer and nowhere else, ever. */
  async createAs(actor: Actor, input: { name: string }): Promise<CreatedFederationToken> {
    return this.#create(actor, await this.#federationId(actor), input.name);
  }

  /** Revokes one of the actor's federation's tokens still in service; answers it as it was. */
  async revokeAs(actor: Actor, id: string): Promise<FederationToken> {
    return this.#revoke(actor, await this.#federationId(actor), id);
  }

  // — an operator at the terminal (the command line): no account, the federation named —

  /** Changes from here are the command line's own (via 'system'): never a page's nor a token's. */
  #operator(actor: Actor): void {
    if (actor.via !== 'system') throw forbidden();
  }

  // Reading needs no actor, like the rest of the federation's set-up (federation.service.ts).
  listFor(federationId: string): Promise<FederationToken[]> {
    return this.ctx.auth.listFederationTokens(federationId);
  }

  /** One token of the federation; 404 for an unknown id or another federation's. */
  findFor(federationId: string, id: string): Promise<FederationToken> {
    return this.ctx.auth.findFederationToken(federationId, id);
  }

  /** Creates a token hosted by the operator's centre, which must be one of the federation's. */
  async createFor(operator: Actor, federationId: string, input: { name: string }): Promise<CreatedFederationToken> {
    this.#operator(operator);
    const members = await this.federation.members(federationId);
    if (!members.some((m) => m.id === operator.centerId)) throw forbidden();
    return this.#create(operator, federationId, input.name);
  }

  async revokeFor(operator: Actor, federationId: string, id: string): Promise<FederationToken> {
    this.#operator(operator);
    return this.#revoke(operator, federationId, id);
  }

  // — the same rules whoever asks —

  async #create(actor: Actor, federationId: string, input: string): Promise<CreatedFederationToken> {
    const name = input.trim();
    if (!name) throw invalid({ name: 'federation.tokens.nameRequired' });
    if (name.length > NAME_MAX) throw invalid({ name: 'admin.tooLong' });
    const created = await this.ctx.auth.createFederationToken(federationId, actor.centerId, name);
    await audit(this.ctx.kysely, this.ctx.clock, actor, 'grant', 'federation_api_token', created.id, { federationId });
    return { ...(await this.ctx.auth.findFederationToken(federationId, created.id)), token: created.token };
  }

  async #revoke(actor: Actor, federationId: string, id: string): Promise<FederationToken> {
    const token = await this.ctx.auth.findFederationToken(federationId, id);
    await this.ctx.auth.revokeFederationToken(federationId, id);
    await audit(this.ctx.kysely, this.ctx.clock, actor, 'revoke', 'federation_api_token', id, { federationId });
    return token;
  }
}
