import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/roles.decorator';
import { DetectorListDto, toDetectorDto } from './dto/detector.dto';
import { describeDetectors } from './domain/detector-catalog';

@ApiTags('insight')
@ApiSecurity('api-key')
@ApiSecurity('bearer')
@Controller('detectors')
export class DetectorsController {
  @Get()
  @RequireRole('read')
  @ApiOperation({
    operationId: 'listDetectors',
    summary: 'The detectors a probe can use, each sensitivity level’s threshold, and how often that level alerted on healthy series',
    description:
      'The figures are what `npm run bench:nab` measured on healthy synthetic series and injected incidents (reports/nab.md); a level whose threshold has changed since shows `measured: null`.',
  })
  @ApiOkResponse({ type: DetectorListDto })
  list(): DetectorListDto {
    return { items: describeDetectors().map(toDetectorDto) };
  }
}
