import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { Allow, IsInt, IsOptional, IsString, Min, registerDecorator, ValidateNested } from 'class-validator';
import { compiledBodyCheck } from './compiled-validation';
import { StrictValidationPipe } from './validation';

class Child {
  @IsInt() @Min(0) n!: number;
}

class Parent {
  @IsString() name!: string;
  @IsOptional() @IsInt({ each: true }) scores?: number[];
  @ValidateNested({ each: true }) @Type(() => Child) children!: Child[];
  @IsOptional() @ValidateNested() @Type(() => Child) favourite?: Child;
  @Allow() note?: unknown;
}

describe('a DTO read once into a check of valid bodies', () => {
  const check = compiledBodyCheck(Parent)!;

  it('accepts a body every rule holds for, optional fields absent or null', () => {
    expect(check({ name: 'a', children: [{ n: 0 }, { n: 3 }] })).toBe(true);
    expect(check({ name: 'a', children: [], scores: [1, 2], favourite: { n: 1 }, note: { anything: true } })).toBe(true);
    expect(check({ name: 'a', children: [], scores: null, favourite: null })).toBe(true);
  });

  it('like class-validator, lets a nested value without @IsDefined be absent', () => {
    expect(check({ name: 'a' })).toBe(true);
  });

  it.each([
    ['a broken constraint', { name: 1, children: [] }],
    ['a broken constraint in a nested object', { name: 'a', children: [{ n: -1 }] }],
    ['a broken element of an `each` rule', { name: 'a', children: [], scores: [1, 1.5] }],
    ['a property no rule names (whitelist)', { name: 'a', children: [], extra: 1 }],
    ['an unknown property in a nested object', { name: 'a', children: [{ n: 1, extra: 1 }] }],
    ['a nested value that is not an object', { name: 'a', children: [1] }],
    ['a nested array where an object belongs', { name: 'a', children: [[]] }],
    ['a required value missing', { children: [] }],
    ['a body that is not an object', [{ name: 'a', children: [] }]],
    ['a class instance instead of parsed JSON', Object.assign(new Parent(), { name: 'a', children: [] })],
  ])('refuses %s (class-validator then decides and words the error)', (_what, body) => {
    expect(check(body)).toBe(false);
  });

  it('leaves a class to class-validator when its rules use what the check does not read', () => {
    class Transformed {
      @Transform(({ value }) => String(value).trim()) @IsString() s!: string;
    }
    class Converted {
      @Type(() => Date) @Allow() at!: Date;
    }
    class Grouped {
      @IsInt({ groups: ['admin'] }) n!: number;
    }
    class Async {
      @Allow() x!: string;
    }
    registerDecorator({ name: 'slowly', target: Async, propertyName: 'y', async: true, validator: { validate: async () => true } });
    class Bare {}
    class HasUnreadableChild {
      @ValidateNested() @Type(() => Transformed) child!: Transformed;
    }
    for (const dto of [Transformed, Converted, Grouped, Async, Bare, HasUnreadableChild]) expect(compiledBodyCheck(dto)).toBeUndefined();
  });

  it('a constraint that throws does not change what the request gets: class-validator runs it next and fails the same way', async () => {
    class Touchy {
      @Allow() s!: string;
    }
    registerDecorator({
      name: 'touchy',
      target: Touchy,
      propertyName: 's',
      validator: {
        validate: (v: unknown) => {
          if (v === 'boom') throw new Error('constraint crashed');
          return true;
        },
      },
    });
    expect(compiledBodyCheck(Touchy)).toBeDefined();
    const pipe = new StrictValidationPipe();
    await expect(pipe.transform({ s: 'fine' }, { type: 'body', metatype: Touchy, data: undefined })).resolves.toEqual({ s: 'fine' });
    await expect(pipe.transform({ s: 'boom' }, { type: 'body', metatype: Touchy, data: undefined })).rejects.toThrow('constraint crashed');
  });
});
