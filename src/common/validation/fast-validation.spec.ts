import { getMetadataStorage } from 'class-validator';
import { KeysetPageQueryDto } from '../pagination/page-query.dto';
import { CreateRunDto, RUN_FIELDS } from '../../modules/runs/dto/create-run.dto';
import { setHotPathOff } from '../perf/hot-path';
import { fastPath, fastQueryPath } from './fast-validation';

/** The properties class-validator knows of a DTO (every decorated field, inherited ones included). */
function decoratedFields(dto: new () => object): string[] {
  return [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))].sort();
}

describe('validation fast paths', () => {
  afterEach(() => setHotPathOff([]));

  it('know every field of the DTOs they stand in for: a field added to a DTO without its fast path fails here', () => {
    expect([...RUN_FIELDS].sort()).toEqual(decoratedFields(CreateRunDto));
    // the keyset query's fast path converts exactly limit and cursor
    expect(decoratedFields(KeysetPageQueryDto)).toEqual(['cursor', 'limit']);
    for (const field of decoratedFields(KeysetPageQueryDto)) {
      expect(KeysetPageQueryDto.fastQuery({ [field]: field === 'limit' ? '5' : 'abc' })).toBeDefined();
    }
  });

  it('hand the DTO over without class-validator, and step aside when turned off', () => {
    const body = { wpk_id: 'wf', run_id: 'r1', status: 'completed' };
    const dto = fastPath<CreateRunDto>(CreateRunDto, body);
    expect(dto).toBeInstanceOf(CreateRunDto);
    expect(dto).toEqual(body);
    expect(fastQueryPath<KeysetPageQueryDto>(KeysetPageQueryDto, { limit: '20' })).toEqual(Object.assign(new KeysetPageQueryDto(), { limit: 20 }));
    setHotPathOff(['fast-validation']);
    expect(fastPath(CreateRunDto, body)).toBeUndefined();
    expect(fastQueryPath(KeysetPageQueryDto, { limit: '20' })).toBeUndefined();
  });
});
