import { describeProviderConformance } from './describe-provider-conformance';
import { mockConformanceOptions } from './mock/__fixtures__/mock-conformance-options';

describeProviderConformance(mockConformanceOptions);
