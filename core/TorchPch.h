// Precompiled header of dl_engine: the torch, FAISS and OpenCV headers that
// nearly every engine translation unit needs. Never include from public headers.
#pragma once
#include <torch/torch.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
