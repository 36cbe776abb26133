import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { accessDeclarationOf } from './access-policy';

/**
 * Every HTTP route of a running app that declares neither @Access nor @Public, as
 * `GET /applications/:id (ApplicationsController.get)`, sorted. The access guard refuses such routes;
 * an architecture test expects this list to be empty, so a forgotten declaration fails CI the day
 * it is written rather than in front of a user.
 */
export function routesWithoutAccessPolicy(app: INestApplication): string[] {
  const found = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Function | undefined;
      if (!controller?.prototype) continue;
      for (const name of methodNames(controller.prototype)) {
        const handler = controller.prototype[name] as Function;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || accessDeclarationOf(handler, controller)) continue;
        for (const path of routePaths(controller, handler)) found.add(`${RequestMethod[method]} ${path} (${controller.name}.${name})`);
      }
    }
  }
  return [...found].sort();
}

/** Own and inherited methods of a controller's prototype chain (a route may come from a base class). */
function methodNames(proto: object): string[] {
  const names = new Set<string>();
  for (let p: object | null = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) {
      if (n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, n)?.value === 'function') names.add(n);
    }
  }
  return [...names];
}

function routePaths(controller: Function, handler: Function): string[] {
  const list = (v: unknown): string[] => (v === undefined ? [''] : Array.isArray(v) ? v.map(String) : [String(v)]);
  const bases = list(Reflect.getMetadata(PATH_METADATA, controller));
  const own = list(Reflect.getMetadata(PATH_METADATA, handler));
  return bases.flatMap((b) => own.map((o) => `/${[b, o].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`));
}
