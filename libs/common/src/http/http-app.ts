import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { ProblemDetailsFilter } from './problem-details.filter';
import { strictValidationPipe } from './validation';

/** The HTTP conventions every service shares: one error format, strict validation, OpenAPI at /docs. */
export function configureHttpApp(app: INestApplication, o: { title: string; description: string; version: string; log: Logger }): void {
  app.useGlobalFilters(new ProblemDetailsFilter(o.log));
  app.useGlobalPipes(strictValidationPipe());
  const doc = new DocumentBuilder()
    .setTitle(o.title)
    .setDescription(o.description)
    .setVersion(o.version)
    .addGlobalParameters()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'docs/openapi.json' });
}
