// The list of built-in methods. Adding a method: give its folder a
// register<Name>(DetectorRegistry&) (in <Name>Detector.h) and call it here.
#include "engine/DetectorRegistry.h"
#include "methods/cse/CseDetector.h"
#include "methods/dmad/DmadDetector.h"
#include "methods/dskd/DskdDetector.h"
#include "methods/patchcore/PatchCoreDetector.h"
#include "methods/realnet/RealnetDetector.h"
#include "methods/stlm/StlmDetector.h"

namespace dl {

DetectorRegistry& DetectorRegistry::instance()
{
    static DetectorRegistry registry = [] {
        DetectorRegistry r;
        registerPatchCore(r);
        registerDmad(r);
        registerDskd(r);
        registerCse(r);
        registerStlm(r);
        registerRealnet(r);
        return r;
    }();
    return registry;
}

} // namespace dl
