import { Controller, Get, Redirect } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Public } from '@jiuzhu/auth';

/** A person who opens a service's address in a browser lands on its API documentation, not on a JSON 404. */
@Public()
@Controller()
export class RootController {
  @Get()
  @Redirect('/docs', 302)
  @ApiExcludeEndpoint()
  root(): void {
    // The redirect is the whole answer.
  }
}
