import { KgovError } from '../core/index.js';
import type { JudgeModel } from '../guard/index.js';
import type { ModelRouter } from '../models/index.js';

/**
 * The guard judge's access to the model layer, for one policy (`source` names it in errors). Checked when the
 * guards are built, so a wrong setting stops the server at start rather than failing every request: the model
 * must be served, and only by `internal` providers — the text under judgement may hold personal data or
 * classified content, which must not leave the agency for a verdict. Calls go through the router (retries,
 * fallback, circuit breakers), to the internal providers only, at temperature 0.
 */
export function routerJudgeModel(router: ModelRouter | undefined, source: string): (model: string) => JudgeModel {
  return (model) => {
    const serving = router?.providers.filter((provider) => provider.models.includes(model)) ?? [];
    if (serving.length === 0) {
      throw new KgovError('config_invalid', {
        source, detail: `판정 모델 '${model}'을(를) 제공하는 providers 항목이 없습니다 / no provider serves the judge model '${model}'`,
      });
    }
    const external = serving.find((provider) => provider.zone !== 'internal');
    if (external) {
      throw new KgovError('config_invalid', {
        source,
        detail: `판정 모델 '${model}'은(는) 외부 제공자 '${external.id}'가 제공합니다. 검사할 글에 개인정보·기밀이 있을 수 있어 판정에는 내부(internal) 모델만 쓸 수 있습니다 / the judge model '${model}' is served by the external provider '${external.id}'; only internal models may judge, since the text may hold personal or classified data`,
      });
    }
    return {
      model,
      async judge(prompt, signal) {
        const result = await router!.generate({
          model,
          messages: [{ role: 'system', content: prompt.system }, { role: 'user', content: prompt.user }],
          temperature: 0,
          max_tokens: prompt.maxTokens,
        }, signal, serving);
        return result.text;
      },
    };
  };
}
