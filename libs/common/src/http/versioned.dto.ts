import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** Versions are Postgres `int` columns: a larger number is no version anything can have. */
export const MAX_VERSION = 2_147_483_647;

/**
 * The body of every change to a versioned record (optimistic concurrency): the version the caller
 * last read. A stale one gets 409, so two officers' edits never silently overwrite each other.
 * DTOs of changes that carry more fields extend it.
 */
export class VersionedDto {
  @ApiProperty({ description: 'the version you last read; a stale one gets 409', example: 1, minimum: 1, maximum: MAX_VERSION })
  @IsInt({ message: 'expectedVersion must be a whole number' })
  @Min(1, { message: 'expectedVersion must be at least 1' })
  @Max(MAX_VERSION, { message: `expectedVersion must be at most ${MAX_VERSION}` })
  expectedVersion!: number;
}
