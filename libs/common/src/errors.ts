/**
 * Expected failures a caller can act on. Each maps to one HTTP status in the problem-details filter;
 * anything else is a bug or an infrastructure failure (500, logged with its stack).
 */
export interface FieldProblem {
  field: string;
  reason: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export class InvalidInput extends AppError {
  constructor(fields: FieldProblem[], message = 'The request has invalid fields.') {
    super(400, 'INVALID_INPUT', message, fields);
  }
}

export class NotFound extends AppError {
  constructor(what: string) {
    super(404, 'NOT_FOUND', `${what} was not found.`);
  }
}

export class Conflict extends AppError {
  constructor(code: string, message: string, fields: FieldProblem[] = []) {
    super(409, code, message, fields);
  }
}

export class Unauthenticated extends AppError {
  constructor(message: string) {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class Forbidden extends AppError {
  constructor(code: string, message: string) {
    super(403, code, message);
  }
}
