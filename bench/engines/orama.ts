/** Orama 3 peer. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create, insertMultiple, save } from '@orama/orama';
import type { ChangeRecord } from '../../indexer/schema.ts';
import { ORAMA_SCHEMA } from './orama.runtime.ts';
import { toPeerDoc } from './peer-doc.ts';
import type { Engine } from './types.ts';

export const orama: Engine = {
  key: 'orama',
  label: 'Orama 3',
  settings:
    'schema title/text/keys strings, facets as enum (areas enum[]); documents stored whole (Orama keeps them); ' +
    'search properties title, text, keys with boost {title: 2}, tolerance 1 (typos), prefix matching (default); ' +
    'filters via `where` (in / containsAny); persisted with save() as JSON.',
  capabilities: { filters: 'native', highlights: 'no (separate @orama/highlight package)', node: true },
  async build(records: readonly ChangeRecord[], outDir: string) {
    const db = create({ schema: ORAMA_SCHEMA });
    await insertMultiple(db, records.map(toPeerDoc) as never[], Math.max(1, records.length));
    await writeFile(join(outDir, 'index.json'), JSON.stringify(save(db)));
    return { files: ['index.json'] };
  },
  runtimeModule: 'engines/orama.runtime.ts',
};
