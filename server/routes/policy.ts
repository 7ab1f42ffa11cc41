/** Policy routes: the policy in force (public), a planner's new version, the version history. */
import type { Router } from 'express';
import * as api from '../../shared/api/siting.js';
import type { Ctx } from '../context.js';
import { HttpError } from '../http/errors.js';
import { mount } from '../http/route.js';
import type { PolicyVersion } from '../store/policy.js';

/** What anyone may see of a version: not who made it. */
const publicVersion = ({ version, created_at, note, policy }: PolicyVersion) => ({ version, created_at, note, policy });

/** Mounts GET /api/policy, PUT /api/policy and GET /api/policy/versions. */
export function policyRoutes(r: Router, ctx: Ctx): void {
  mount(r, api.getPolicy, () => publicVersion(ctx.policy.current()));

  mount(r, api.putPolicy, ({ body, query, user }) => {
    const u = user!;
    const current = ctx.policy.current();
    if (query.base_version !== undefined && query.base_version !== current.version) {
      throw new HttpError(409, 'conflict', `The policy was changed meanwhile: version ${current.version} is in force, not ${query.base_version}`, {
        'query.base_version': `version ${current.version} is in force`,
      });
    }
    return publicVersion(ctx.policy.put(body, query.note || null, { id: u.id, name: u.username }));
  });

  mount(r, api.listPolicyVersions, () => ctx.policy.versions());
}
