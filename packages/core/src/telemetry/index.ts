export {
  currentProviderCallObserver,
  observeProviderCall,
  type ProviderCallObserver,
} from './provider-call-observer';
