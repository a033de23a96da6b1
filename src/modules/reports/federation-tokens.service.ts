/**
 * A federation's API tokens, for its own software. Rules owned here:
 * - only the federation's signed-in account (federation.tokens) creates, lists and revokes
 *   them, and only its own federation's: another federation's token answers 404; a token
 *   itself never manages tokens;
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

const NAME_MAX = 80;

export class FederationTokensService {
  constructor(
    private readonly ctx: AppContext,
    private readonly federation: FederationService,
  ) {}

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

  /** Creates a token; its clear value is in the answer and nowhere else, ever. */
  async createAs(actor: Actor, input: { name: string }): Promise<{ id: string; token: string; name: string }> {
    const federationId = await this.#federationId(actor);
    const name = input.name.trim();
    if (!name) throw invalid({ name: 'federation.tokens.nameRequired' });
    if (name.length > NAME_MAX) throw invalid({ name: 'admin.tooLong' });
    const created = await this.ctx.auth.createFederationToken(federationId, actor.centerId, name);
    await audit(this.ctx.kysely, this.ctx.clock, actor, 'grant', 'federation_api_token', created.id, { federationId });
    return { ...created, name };
  }

  async revokeAs(actor: Actor, id: string): Promise<FederationToken> {
    const federationId = await this.#federationId(actor);
    const token = await this.ctx.auth.findFederationToken(federationId, id);
    await this.ctx.auth.revokeFederationToken(federationId, id);
    await audit(this.ctx.kysely, this.ctx.clock, actor, 'revoke', 'federation_api_token', id, { federationId });
    return token;
  }
}
