import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiResponseOptions, getSchemaPath } from '@nestjs/swagger';

/**
 * The pieces every service's response classes share, so the OpenAPI document says what each operation
 * answers. A view is a class with `@ApiProperty` fields, and the function that builds the answer is
 * typed to return it: TypeScript then refuses a field the class does not declare, and a declared one
 * the answer lacks, so the document cannot drift from what is sent.
 */

/** A text in Chinese (what the bureau reads) and English (for the integrators). */
export class LocalizedTextDoc {
  @ApiProperty({ example: '家庭月人均收入低于当地低保标准' }) zh!: string;
  @ApiProperty({ example: 'monthly per-capita income is below the local dibao standard' }) en!: string;
}

/** key → version id of every parameter a decision used (`dibao.standard` → `dibao.standard@640202/urban/2026-01-01`). */
export const PARAMETER_VERSIONS_DOC = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: 'parameter key → the version id used',
  example: { 'dibao.standard': 'dibao.standard@640202/urban/2026-01-01' },
} as const;

/** A line of a case's or an assessment's history. */
export class HistoryLineDoc {
  @ApiProperty({ description: 'what was done', example: 'submit' }) action!: string;
  @ApiProperty({ nullable: true, type: String, example: 'draft' }) from!: string | null;
  @ApiProperty({ example: 'submitted' }) to!: string;
  @ApiProperty({ description: 'staff id of who did it', example: 'cw-001' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ required: false }) reasonCode?: string;
  @ApiProperty({ required: false }) note?: string;
}

export class HistoryDoc {
  @ApiProperty({ type: [HistoryLineDoc] }) items!: HistoryLineDoc[];
}

/** `{ items, total, limit, offset }` of `model` as the success answer (see paging.ts). */
export function ApiPageResponse(model: Type<unknown>, options: Omit<ApiResponseOptions, 'schema' | 'type'> = {}): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description: 'one page of the list, with the size of the whole list',
      ...options,
      schema: {
        type: 'object',
        required: ['items', 'total', 'limit', 'offset'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          total: { type: 'integer', description: 'how many there are in all' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
        },
      },
    } as ApiResponseOptions),
  );
}

/** A rule's verdict as a decision answers it. */
export class RuleOutcomeDoc {
  @ApiProperty({ example: 'DIBAO.ASSETS_MONEY_WITHIN_LIMIT' }) code!: string;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ type: LocalizedTextDoc }) message!: LocalizedTextDoc;
}
