import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login, logout } from '../../auth/index.js';
import type { ApiContext } from '../context.js';
import { principalOf, requirePrincipal, sessionCookie } from '../authenticate.js';

const principalSchema = z.object({
  kind: z.string(), tenantId: z.string(), role: z.string(), clearance: z.string(),
  userId: z.string().optional(), username: z.string().optional(), keyId: z.string().optional(),
});

export function authRoutes(context: ApiContext): FastifyPluginAsyncZod {
  const { auth } = context.config;
  const cookieOptions = { path: '/', httpOnly: true, secure: auth.secureCookies, sameSite: 'strict' as const };
  return async function registerAuthRoutes(app) {
    app.post('/auth/login', {
      schema: {
        summary: 'Console sign-in with a password; sets a session cookie',
        tags: ['auth'],
        body: z.strictObject({ tenant: z.string().min(1).max(63), username: z.string().min(1).max(63), password: z.string().min(1).max(1024) }),
        response: { 200: z.object({ principal: principalSchema, expiresAt: z.string() }) },
      },
    }, async (request, reply) => {
      const session = await login(context.database, { tenantId: request.body.tenant, username: request.body.username, password: request.body.password }, auth);
      void reply.setCookie(sessionCookie, session.token, { ...cookieOptions, expires: session.expiresAt });
      return { principal: session.principal, expiresAt: session.expiresAt.toISOString() };
    });

    app.post('/auth/logout', { schema: { summary: 'Ends the console session', tags: ['auth'] } }, async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await logout(context.database, token);
      void reply.clearCookie(sessionCookie, cookieOptions);
      return reply.status(204).send();
    });

    app.get('/auth/me', {
      onRequest: requirePrincipal(context.database, 'api'),
      schema: { summary: 'Who am I', tags: ['auth'], response: { 200: z.object({ principal: principalSchema }) } },
    }, async (request) => {
      const principal = principalOf(request);
      if (principal.kind === 'operator') throw new Error('operators do not use HTTP');
      return { principal };
    });
  };
}
