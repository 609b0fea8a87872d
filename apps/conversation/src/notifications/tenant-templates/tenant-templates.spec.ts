import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TenantTemplateSet } from './tenant-template-set.js';
import { TenantTemplates } from './tenant-templates.js';
import type { TenantTemplatesStore } from './tenant-templates.store.js';

const set = (tenantId: string, version: number, text = `v${version}`): TenantTemplateSet => ({
  tenantId,
  version,
  templates: { 'handoff.leave_message': { en: text } },
});

/** A store whose answers the test sets, recording what it was asked. */
class FakeStore {
  stored: TenantTemplateSet[] = [];
  changed: TenantTemplateSet[] = [];
  failing = false;
  readonly asked: Date[] = [];
  async changedSince(since: Date) {
    this.asked.push(since);
    if (this.failing) throw new Error('store down');
    // The first read asks from before any set was stored: it gets all of them.
    return since.getTime() < 0 ? this.stored : this.changed;
  }
}

async function started(store: FakeStore): Promise<TenantTemplates> {
  const templates = new TenantTemplates(store as unknown as TenantTemplatesStore, {
    templatesRefreshMs: 3_600_000,
  });
  templates.onModuleInit();
  await templates.whenFirstRead();
  return templates;
}

describe('TenantTemplates', () => {
  it('loads every stored set once it starts', async () => {
    const store = new FakeStore();
    store.stored = [set('acme', 3), set('globex', 1)];
    const templates = await started(store);
    assert.deepEqual(templates.of('acme'), set('acme', 3).templates);
    assert.deepEqual(templates.of('globex'), set('globex', 1).templates);
    assert.equal(templates.of('initech'), undefined);
    templates.onModuleDestroy();
  });

  it('keeps only a newer version', async () => {
    const templates = await started(new FakeStore());
    assert.ok(templates.keep(set('acme', 2)));
    assert.ok(!templates.keep(set('acme', 1, 'older')));
    assert.ok(!templates.keep(set('acme', 2, 'same version')));
    assert.deepEqual(templates.of('acme'), set('acme', 2).templates);
    templates.onModuleDestroy();
  });

  it('picks up sets other instances stored, asking again a little before the last poll', async () => {
    const store = new FakeStore();
    store.stored = [set('acme', 1)];
    const templates = await started(store);
    store.changed = [set('acme', 2), set('globex', 5)];
    const before = Date.now();
    await templates.refresh();
    await templates.refresh();

    assert.deepEqual(templates.of('acme'), set('acme', 2).templates);
    assert.deepEqual(templates.of('globex'), set('globex', 5).templates);
    assert.ok(
      store.asked[2]!.getTime() >= before - 60_000,
      'the second poll starts from the first',
    );
    assert.ok(store.asked[2]!.getTime() < before, 'with an overlap');
    templates.onModuleDestroy();
  });

  it('keeps the sets it has when the store cannot be read, and asks from the same point again', async () => {
    const store = new FakeStore();
    store.stored = [set('acme', 1)];
    const templates = await started(store);
    store.failing = true;
    await templates.refresh();
    store.failing = false;
    await templates.refresh();
    assert.deepEqual(templates.of('acme'), set('acme', 1).templates);
    assert.equal(store.asked[1]!.getTime(), store.asked[2]!.getTime());
    templates.onModuleDestroy();
  });
});
