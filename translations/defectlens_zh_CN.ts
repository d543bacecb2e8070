<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Defect type</source>
        <translation>缺陷类型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Model verdict</source>
        <translation>模型判定</translation>
    </message>
    <message>
        <source>Operator review</source>
        <translation>操作员复核</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>时间 (UTC)</translation>
    </message>
    <message>
        <source>verdict %1</source>
        <translation>判定 %1</translation>
    </message>
    <message>
        <source>category %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>score %1 to %2</source>
        <translation>分数 %1 至 %2</translation>
    </message>
    <message>
        <source>the results table&apos;s filter</source>
        <translation>结果表的筛选条件</translation>
    </message>
</context>
<context>
    <name>AnnotationStorage</name>
    <message>
        <source>annotation %1 in %2 is not a readable PNG mask (%3); it is kept in the database unchanged</source>
        <translation>%2 中的标注 %1 不是可读取的 PNG 掩码（%3）；已在数据库中保持原样</translation>
    </message>
    <message>
        <source>annotation %1 in %2 is a %3 mask but the image is %4 pixels; it is kept in the database unchanged</source>
        <translation>%2 中的标注 %1 是 %3 的掩码，但图像为 %4 像素；已在数据库中保持原样</translation>
    </message>
    <message>
        <source>there is no mask to save</source>
        <translation>没有可保存的掩码</translation>
    </message>
    <message>
        <source>the mask is %1 but the image is %2 pixels; nothing was saved</source>
        <translation>掩码为 %1，但图像为 %2 像素；未保存任何内容</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>MobileNetV2 fast path unavailable for taps %1 (%2); running op by op</source>
        <translation>抽头 %1 无法使用 MobileNetV2 快速路径（%2）；改为逐个算子运行</translation>
    </message>
    <message>
        <source>%1: no training checkpoint at %2; training from the start</source>
        <translation>%1：%2 处没有训练检查点；从头开始训练</translation>
    </message>
    <message>
        <source>%1: the checkpoint %2 belongs to another fit (method, parameters, backbone or training images differ); training from the start</source>
        <translation>%1：检查点 %2 属于另一次训练（方法、参数、骨干网络或训练图像不同）；从头开始训练</translation>
    </message>
    <message>
        <source>%1: resuming after epoch %2 from %3</source>
        <translation>%1：从 %3 在第 %2 轮之后继续</translation>
    </message>
    <message>
        <source>feature cache disabled: %1</source>
        <translation>特征缓存已停用：%1</translation>
    </message>
    <message>
        <source>feature cache write skipped: %1</source>
        <translation>已跳过写入特征缓存：%1</translation>
    </message>
    <message>
        <source>category &apos;%1&apos; has fewer than 10 normal training images: the threshold is calibrated on training images and will be optimistic</source>
        <translation>类别“%1”的正常训练图像少于 10 张：阈值在训练图像上校准，结果会偏乐观</translation>
    </message>
    <message>
        <source>left out of the labelling queue: %1</source>
        <translation>已从标注队列中略去：%1</translation>
    </message>
    <message>
        <source>tiling: %1 normal images -&gt; %2 tiles of %3 px (overlap %4), %5 labelled defect tiles</source>
        <translation>分块：%1 张正常图像 -&gt; %2 个 %3 像素的图块（重叠 %4），%5 个已标注缺陷图块</translation>
    </message>
    <message>
        <source>%1: could not list the watch folder completely: %2</source>
        <translation>%1：无法完整列出监视文件夹：%2</translation>
    </message>
    <message>
        <source>%1: the watched folder was deleted or moved away</source>
        <translation>%1：被监视的文件夹已被删除或移走</translation>
    </message>
    <message>
        <source>%1: watching the folder failed: %2</source>
        <translation>%1：监视文件夹失败：%2</translation>
    </message>
    <message>
        <source>cse: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>cse：没有验证集划分（正常图像少于 5 张或 validation_fraction 为 0）；保留最后一轮</translation>
    </message>
    <message>
        <source>cse: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); texture-paste defects fall back to structural ones</source>
        <translation>cse：未找到离群纹理（请设置 texture_dir 或 DEFECTLENS_TEXTURES_DIR）；纹理粘贴缺陷改用结构性缺陷</translation>
    </message>
    <message>
        <source>cse: the time budget allows about %1 of %2 epochs; the learning-rate schedule is fitted to them</source>
        <translation>cse：时间预算约允许 %2 轮中的 %1 轮；学习率计划据此调整</translation>
    </message>
    <message>
        <source>cse epoch %1: loss %2 (contrastive %3, decoder %4), %6 s (synthesis + backbone %5 s)</source>
        <translation>cse 第 %1 轮：损失 %2（对比 %3，解码器 %4），%6 秒（合成 + 骨干网络 %5 秒）</translation>
    </message>
    <message>
        <source>cse epoch %1: loss %2 (contrastive %3, decoder %4), validation %5 (contrastive %6, decoder %7), %9 s (synthesis + backbone %8 s)</source>
        <translation>cse 第 %1 轮：损失 %2（对比 %3，解码器 %4），验证 %5（对比 %6，解码器 %7），%9 秒（合成 + 骨干网络 %8 秒）</translation>
    </message>
    <message>
        <source>dmad: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); synthetic defects use structural and blur kinds only and the texture bank is empty</source>
        <translation>dmad：未找到离群纹理（请设置 texture_dir 或 DEFECTLENS_TEXTURES_DIR）；合成缺陷仅使用结构和模糊类型，纹理库为空</translation>
    </message>
    <message>
        <source>dmad: normal bank %1 (reused), abnormal bank %2 (labelled %3, synthetic %4, centre samples %5, textures %6); best epoch %7 (validation %8); %9 s</source>
        <translation>dmad：正常库 %1（复用），异常库 %2（已标注 %3，合成 %4，中心样本 %5，纹理 %6）；最佳轮次 %7（验证 %8）；%9 秒</translation>
    </message>
    <message>
        <source>dmad: normal bank %1, abnormal bank %2 (labelled %3, synthetic %4, centre samples %5, textures %6); best epoch %7 (validation %8); %9 s</source>
        <translation>dmad：正常库 %1，异常库 %2（已标注 %3，合成 %4，中心样本 %5，纹理 %6）；最佳轮次 %7（验证 %8）；%9 秒</translation>
    </message>
    <message>
        <source>dskd epoch %1: loss %2, %3 s</source>
        <translation>dskd 第 %1 轮：损失 %2，%3 秒</translation>
    </message>
    <message>
        <source>dskd epoch %1: loss %2, validation E %3 D %4 (D cosine %5), %6 s</source>
        <translation>dskd 第 %1 轮：损失 %2，验证 E %3 D %4（D 余弦 %5），%6 秒</translation>
    </message>
    <message>
        <source>dskd: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>dskd：没有验证集划分（正常图像少于 5 张或 validation_fraction 为 0）；保留最后一轮</translation>
    </message>
    <message>
        <source>dskd: no validation images to weigh the scales by; they are summed equally</source>
        <translation>dskd: 没有用于加权各尺度的验证图像；各尺度按相同权重相加</translation>
    </message>
    <message>
        <source>dskd: position explains %1 of the normal images&apos; feature variance: scale weights %2, embedding stride factor %3, map distance %4</source>
        <translation>dskd: 位置解释了正常图像特征方差的 %1：尺度权重 %2，嵌入步幅因子 %3，图的距离 %4</translation>
    </message>
    <message>
        <source>dskd: %1 training + %2 validation images, %3 student parameters, teacher cached in %4 s</source>
        <translation>dskd：%1 张训练图像 + %2 张验证图像，学生参数 %3 个，教师缓存用时 %4 秒</translation>
    </message>
    <message>
        <source>patchcore: %1 patches -&gt; memory bank of %2 x %3 (features %4 s, coreset %5 s, index %6 s)</source>
        <translation>patchcore：%1 个图块 -&gt; 记忆库 %2 x %3（特征 %4 秒，核心集 %5 秒，索引 %6 秒）</translation>
    </message>
    <message>
        <source>realnet: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); texture defects fall back to structural ones</source>
        <translation>realnet：未找到离群纹理（请设置 texture_dir 或 DEFECTLENS_TEXTURES_DIR）；纹理缺陷改用结构性缺陷</translation>
    </message>
    <message>
        <source>realnet: SDAS model %1 was trained on &apos;%2&apos;; using it for &apos;%3&apos;</source>
        <translation>realnet：SDAS 模型 %1 是在“%2”上训练的；现用于“%3”</translation>
    </message>
    <message>
        <source>realnet: %1 SDAS images per category from %2 in %3 s</source>
        <translation>realnet：由 %2 为每个类别生成 %1 张 SDAS 图像，用时 %3 秒</translation>
    </message>
    <message>
        <source>realnet: AFS kept %1 channels, ranked on %2 synthetic anomalies</source>
        <translation>realnet：AFS 保留了 %1 个通道，依据 %2 个合成异常排序</translation>
    </message>
    <message>
        <source>realnet epoch %1: loss %2 (segmentation %3, reconstruction %4), %6 s (synthesis + backbone %5 s)</source>
        <translation>realnet 第 %1 轮：损失 %2（分割 %3，重建 %4），%6 秒（合成 + 骨干网络 %5 秒）</translation>
    </message>
    <message>
        <source>realnet epoch %1: loss %2 (segmentation %3, reconstruction %4), validation %5 (segmentation %6), %8 s (synthesis + backbone %7 s)</source>
        <translation>realnet 第 %1 轮：损失 %2（分割 %3，重建 %4），验证 %5（分割 %6），%8 秒（合成 + 骨干网络 %7 秒）</translation>
    </message>
    <message>
        <source>realnet: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>realnet：没有验证集划分（正常图像少于 5 张或 validation_fraction 为 0）；保留最后一轮</translation>
    </message>
    <message>
        <source>realnet: %1 training + %2 validation images, %3 parameters, prepared in %4 s (AFS %5 s)</source>
        <translation>realnet：%1 张训练图像 + %2 张验证图像，参数 %3 个，准备用时 %4 秒（AFS %5 秒）</translation>
    </message>
    <message>
        <source>sdas: ignoring an unreadable checkpoint (%1); training starts afresh</source>
        <translation>sdas：忽略无法读取的检查点（%1）；重新开始训练</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: %2; training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas：忽略检查点 %1：%2；重新开始训练，下一个检查点将替换它</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: it was written for other training parameters or other training images; training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas：忽略检查点 %1：它是为其他训练参数或其他训练图像写入的；重新开始训练，下一个检查点将替换它</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: it holds another network layout (&apos;%2&apos; differs); training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas：忽略检查点 %1：其网络结构不同（“%2”不一致）；重新开始训练，下一个检查点将替换它</translation>
    </message>
    <message>
        <source>sdas: resuming from iteration %1 (checkpoint %2, %3 min trained before)</source>
        <translation>sdas：从第 %1 次迭代继续（检查点 %2，此前已训练 %3 分钟）</translation>
    </message>
    <message>
        <source>sdas: %1 images (categories: %2) at %3x%3, %4 parameters, loaded in %5 s</source>
        <translation>sdas：%1 张图像（类别数：%2），%3x%3，参数 %4 个，加载用时 %5 秒</translation>
    </message>
    <message>
        <source>sdas iteration %1: loss %2 (%3 it/s)</source>
        <translation>sdas 第 %1 次迭代：损失 %2（%3 it/s）</translation>
    </message>
    <message>
        <source>sdas: cancelled at iteration %1; the checkpoint %2 holds it, and the same fit resumes from there</source>
        <translation>sdas：在第 %1 次迭代取消；检查点 %2 已保存该状态，同一训练将从那里继续</translation>
    </message>
    <message>
        <source>sdas: could not remove the checkpoint %1: %2</source>
        <translation>sdas：无法删除检查点 %1：%2</translation>
    </message>
    <message>
        <source>stlm: the validation pseudo-anomalies cover no whole feature cell; the map is not chosen on them</source>
        <translation>stlm：验证伪异常没有完整覆盖任何特征单元；不据此选择异常图</translation>
    </message>
    <message>
        <source>stlm epoch %1: loss %2 (plain %3, denoising %4, focal %5, L1 %6), %7 s</source>
        <translation>stlm 第 %1 轮：损失 %2（普通 %3，去噪 %4，focal %5，L1 %6），%7 秒</translation>
    </message>
    <message>
        <source>stlm epoch %1: loss %2 (plain %3, denoising %4, focal %5, L1 %6), validation %7 (denoising %8, focal %9, L1 %10), %11 s</source>
        <translation>stlm 第 %1 轮：损失 %2（普通 %3，去噪 %4，focal %5，L1 %6），验证 %7（去噪 %8，focal %9，L1 %10），%11 秒</translation>
    </message>
    <message>
        <source>stlm: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>stlm：没有验证集划分（正常图像少于 5 张或 validation_fraction 为 0）；保留最后一轮</translation>
    </message>
    <message>
        <source>stlm: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); pseudo-anomalies fall back to structural ones</source>
        <translation>stlm：未找到离群纹理（请设置 texture_dir 或 DEFECTLENS_TEXTURES_DIR）；伪异常改用结构性异常</translation>
    </message>
    <message>
        <source>stlm: %1 training + %2 validation images, %3 parameters; teacher ran on %4 images in %5 s, %6 came from the cache</source>
        <translation>stlm：%1 张训练图像 + %2 张验证图像，参数 %3 个；教师处理了 %4 张图像，用时 %5 秒，%6 张来自缓存</translation>
    </message>
    <message>
        <source>stlm: anomaly map &apos;%1&apos; chosen on the validation images (pixel AUROC fa %2, discrepancy %3, product %4)</source>
        <translation>stlm：在验证图像上选择了异常图“%1”（像素 AUROC fa %2，差异 %3，乘积 %4）</translation>
    </message>
    <message>
        <source>the run could not be closed in the database: %1</source>
        <translation>无法在数据库中结束此运行：%1</translation>
    </message>
    <message>
        <source>the watch run could not be closed in the database: %1</source>
        <translation>无法在数据库中结束此监视运行：%1</translation>
    </message>
    <message>
        <source>%1: the archive folder could not be created: %2; %3 stays in place</source>
        <translation>%1：无法创建归档文件夹：%2；%3 保留在原处</translation>
    </message>
    <message>
        <source>%1: could not be moved to the archive (%2): %3</source>
        <translation>%1：无法移入归档（%2）：%3</translation>
    </message>
    <message>
        <source>watching %1 with %2</source>
        <translation>正在用 %2 监视 %1</translation>
    </message>
    <message>
        <source>publishing again %1 MQTT messages of an earlier watch of %2 that the broker had not acknowledged</source>
        <translation>重新发布 %2 先前监视中代理未确认的 %1 条 MQTT 消息</translation>
    </message>
    <message>
        <source>%1 MQTT messages are not acknowledged yet%2; the next watch of this folder publishes them</source>
        <translation>%1 条 MQTT 消息尚未确认%2；下次监视此文件夹时会发布它们</translation>
    </message>
    <message>
        <source>%1 MQTT messages are not acknowledged yet%2; without a database they are lost to MQTT</source>
        <translation>%1 条 MQTT 消息尚未确认%2；没有数据库，这些消息将无法送达 MQTT</translation>
    </message>
    <message>
        <source>the active model could not be read; scoring goes on with the current one: %1</source>
        <translation>无法读取当前启用的模型；继续使用现有模型评分：%1</translation>
    </message>
    <message>
        <source>the newly promoted model %1 could not be loaded, so scoring goes on with %2: %3</source>
        <translation>无法加载新启用的模型 %1，因此继续使用 %2 评分：%3</translation>
    </message>
    <message>
        <source>switching from %1 to %2</source>
        <translation>从 %1 切换到 %2</translation>
    </message>
    <message>
        <source>%1: gone before it could be inspected</source>
        <translation>%1：在检测前已消失</translation>
    </message>
    <message>
        <source>scoring a batch failed, so its images are scored one by one: %1</source>
        <translation>批量评分失败，因此逐张评分：%1</translation>
    </message>
    <message>
        <source>the heatmap could not be saved: %1</source>
        <translation>无法保存热力图：%1</translation>
    </message>
    <message>
        <source>the results scored before the stop could not be stored: %1</source>
        <translation>无法保存停止前已评分的结果：%1</translation>
    </message>
    <message>
        <source>reading the active model: %1</source>
        <translation>读取当前启用的模型：%1</translation>
    </message>
    <message>
        <source>fetching the active model&apos;s bundle: %1</source>
        <translation>获取当前启用模型的模型包：%1</translation>
    </message>
    <message>
        <source>reading the SDAS models of the database: %1</source>
        <translation>读取数据库中的 SDAS 模型：%1</translation>
    </message>
    <message>
        <source>cse: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3; bank of %4 centres from %5 embeddings in %6 s</source>
        <translation>cse：%2 分钟完成 %1 轮（因时间预算停止），保留第 %3 轮；由 %5 个嵌入在 %6 秒内建立含 %4 个中心的库</translation>
    </message>
    <message>
        <source>cse: %1 epochs in %2 min, keeping epoch %3; bank of %4 centres from %5 embeddings in %6 s</source>
        <translation>cse：%2 分钟完成 %1 轮，保留第 %3 轮；由 %5 个嵌入在 %6 秒内建立含 %4 个中心的库</translation>
    </message>
    <message>
        <source>dskd: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>dskd：%2 分钟完成 %1 轮（因时间预算停止），保留第 %3 轮</translation>
    </message>
    <message>
        <source>dskd: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>dskd：%2 分钟完成 %1 轮，保留第 %3 轮</translation>
    </message>
    <message>
        <source>realnet: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>realnet：%2 分钟完成 %1 轮（因时间预算停止），保留第 %3 轮</translation>
    </message>
    <message>
        <source>realnet: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>realnet：%2 分钟完成 %1 轮，保留第 %3 轮</translation>
    </message>
    <message>
        <source>sdas: %1 iterations (%2 in this run, %3 it/s), stopped by the time budget</source>
        <translation>sdas：%1 次迭代（本次运行 %2 次，%3 it/s），因时间预算停止</translation>
    </message>
    <message>
        <source>sdas: %1 iterations (%2 in this run, %3 it/s)</source>
        <translation>sdas：%1 次迭代（本次运行 %2 次，%3 it/s）</translation>
    </message>
    <message>
        <source>stlm: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>stlm：%2 分钟完成 %1 轮（因时间预算停止），保留第 %3 轮</translation>
    </message>
    <message>
        <source>stlm: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>stlm：%2 分钟完成 %1 轮，保留第 %3 轮</translation>
    </message>
    <message>
        <source>selecting coreset</source>
        <translation>正在选择核心集</translation>
    </message>
    <message>
        <source>training epoch %1/%2</source>
        <translation>训练第 %1/%2 轮</translation>
    </message>
    <message>
        <source>fold %1/%2: %3</source>
        <translation>第 %1/%2 折：%3</translation>
    </message>
    <message>
        <source>cross-validation done</source>
        <translation>交叉验证完成</translation>
    </message>
    <message>
        <source>calibrating threshold</source>
        <translation>正在校准阈值</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>testing %1</source>
        <translation>正在测试 %1</translation>
    </message>
    <message>
        <source>computing metrics for %1</source>
        <translation>正在计算 %1 的指标</translation>
    </message>
    <message>
        <source>ranking images for labelling</source>
        <translation>正在为标注对图像排序</translation>
    </message>
    <message>
        <source>cutting training images into tiles</source>
        <translation>正在将训练图像切分为图块</translation>
    </message>
    <message>
        <source>embedder trained, bank built</source>
        <translation>嵌入器已训练，库已建立</translation>
    </message>
    <message>
        <source>synthesising validation defects</source>
        <translation>正在合成验证缺陷</translation>
    </message>
    <message>
        <source>caching backbone features</source>
        <translation>正在缓存骨干网络特征</translation>
    </message>
    <message>
        <source>caching validation features</source>
        <translation>正在缓存验证特征</translation>
    </message>
    <message>
        <source>building the k-means bank</source>
        <translation>正在建立 k-means 库</translation>
    </message>
    <message>
        <source>measuring whether the images show a surface or an object</source>
        <translation>正在判断图像显示的是表面还是物体</translation>
    </message>
    <message>
        <source>cse: position explains %1 of the normal images&apos; feature variance: layout %2</source>
        <translation>cse：位置解释了正常图像特征方差的 %1：布局 %2</translation>
    </message>
    <message>
        <source>extracting labelled defects</source>
        <translation>正在提取已标注缺陷</translation>
    </message>
    <message>
        <source>transplanting labelled defects</source>
        <translation>正在移植已标注缺陷</translation>
    </message>
    <message>
        <source>extracting normal patch features</source>
        <translation>正在提取正常图块特征</translation>
    </message>
    <message>
        <source>extracting validation features</source>
        <translation>正在提取验证特征</translation>
    </message>
    <message>
        <source>synthesising defects</source>
        <translation>正在合成缺陷</translation>
    </message>
    <message>
        <source>extracting outlier textures</source>
        <translation>正在提取离群纹理</translation>
    </message>
    <message>
        <source>retrieving memories for training patches</source>
        <translation>正在为训练图块检索记忆</translation>
    </message>
    <message>
        <source>training heads, epoch %1/%2</source>
        <translation>正在训练判别头，第 %1/%2 轮</translation>
    </message>
    <message>
        <source>students trained</source>
        <translation>学生网络已训练</translation>
    </message>
    <message>
        <source>caching teacher features</source>
        <translation>正在缓存教师特征</translation>
    </message>
    <message>
        <source>memory bank ready</source>
        <translation>记忆库已就绪</translation>
    </message>
    <message>
        <source>extracting patch features</source>
        <translation>正在提取图块特征</translation>
    </message>
    <message>
        <source>building nearest-neighbour index</source>
        <translation>正在建立最近邻索引</translation>
    </message>
    <message>
        <source>reconstruction and segmentation networks trained</source>
        <translation>重建网络和分割网络已训练</translation>
    </message>
    <message>
        <source>selecting features (AFS)</source>
        <translation>正在选择特征（AFS）</translation>
    </message>
    <message>
        <source>decoding training images</source>
        <translation>正在解码训练图像</translation>
    </message>
    <message>
        <source>decoding validation images</source>
        <translation>正在解码验证图像</translation>
    </message>
    <message>
        <source>caching clean features</source>
        <translation>正在缓存干净特征</translation>
    </message>
    <message>
        <source>embedding training images</source>
        <translation>正在嵌入训练图像</translation>
    </message>
    <message>
        <source>embedding samples</source>
        <translation>正在嵌入样本</translation>
    </message>
    <message>
        <source>novelty measured</source>
        <translation>新颖性已测量</translation>
    </message>
    <message>
        <source>sampling step %1/%2</source>
        <translation>采样步骤 %1/%2</translation>
    </message>
    <message>
        <source>sampled</source>
        <translation>采样完成</translation>
    </message>
    <message>
        <source>loading training images</source>
        <translation>正在加载训练图像</translation>
    </message>
    <message>
        <source>training iteration %1</source>
        <translation>训练第 %1 次迭代</translation>
    </message>
    <message>
        <source>streams trained</source>
        <translation>双流网络已训练</translation>
    </message>
    <message>
        <source>teacher features (training)</source>
        <translation>教师特征（训练）</translation>
    </message>
    <message>
        <source>teacher features (validation)</source>
        <translation>教师特征（验证）</translation>
    </message>
    <message>
        <source>scoring the test split</source>
        <translation>正在为测试集评分</translation>
    </message>
    <message>
        <source>scoring %1</source>
        <translation>正在评分 %1</translation>
    </message>
    <message>
        <source>%1: fast inference path unavailable (%2); running op by op</source>
        <translation>%1：无法使用快速推理路径（%2）；改为逐个算子运行</translation>
    </message>
    <message>
        <source>caching labelled defects</source>
        <translation>正在缓存已标注的缺陷</translation>
    </message>
    <message>
        <source>cse: %1 training + %2 validation images, %3 labelled defects, %4 outlier textures, %5 embedder parameters, backbone cached in %6 s</source>
        <translation>cse：%1 张训练图像 + %2 张验证图像，%3 个已标注缺陷，%4 个离群纹理，嵌入器参数 %5 个，骨干网络缓存用时 %6 秒</translation>
    </message>
    <message>
        <source>They join the synthetic defects its embedding learns to set apart from normal images, as they are and transplanted onto other normal images.</source>
        <translation>它们与合成缺陷一起，作为其嵌入学习与正常图像区分开的缺陷，既按原样使用，也移植到其他正常图像上使用。</translation>
    </message>
    <message>
        <source>They fill its abnormal memory bank and train its scoring heads.</source>
        <translation>它们填充其异常记忆库，并用于训练其评分头。</translation>
    </message>
    <message>
        <source>%1: labelled defect %2 has no defect pixels at %3x%4 px; left out</source>
        <translation>%1：已标注的缺陷 %2 在 %3x%4 像素下没有缺陷像素；已略过</translation>
    </message>
    <message>
        <source>%1: %2 labelled defects, transplanted onto normal images for %3 % of the anomalies</source>
        <translation>%1：%2 个已标注的缺陷，在 %3 % 的异常中被移植到正常图像上</translation>
    </message>
    <message>
        <source>Transplanted onto normal training images, they join the synthetic defects that its feature selection, reconstruction networks and segmentation head learn from.</source>
        <translation>它们被移植到正常训练图像上，与合成缺陷一起，供其特征选择、重建网络和分割头学习。</translation>
    </message>
    <message>
        <source>Transplanted onto normal training images, they join the pseudo-anomalies whose masks its feature-aggregation module learns and that its students learn to see past.</source>
        <translation>它们被移植到正常训练图像上，加入伪异常：其特征聚合模块学习这些伪异常的掩码，其学生网络学习忽略它们。</translation>
    </message>
</context>
<context>
    <name>dl::ui::AnnotationDocument</name>
    <message>
        <source>Eraser stroke</source>
        <translation>橡皮擦除</translation>
    </message>
    <message>
        <source>Brush stroke</source>
        <translation>画笔涂抹</translation>
    </message>
    <message>
        <source>Erase polygon</source>
        <translation>擦除多边形</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>Erase region</source>
        <translation>擦除区域</translation>
    </message>
    <message>
        <source>Fill region</source>
        <translation>填充区域</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>清除掩码</translation>
    </message>
</context>
<context>
    <name>dl::ui::AnnotationEditor</name>
    <message>
        <source>x %1, y %2%3</source>
        <translation>x %1，y %2%3</translation>
    </message>
    <message>
        <source> — defect</source>
        <translation> — 缺陷</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>画笔(&amp;B)</translation>
    </message>
    <message>
        <source>Brush (B): paint the defect; drag with the right button to erase</source>
        <translation>画笔 (B)：涂绘缺陷；按住右键拖动可擦除</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <source>Eraser (E): remove paint</source>
        <translation>橡皮擦 (E)：擦除涂绘</translation>
    </message>
    <message>
        <source>&amp;Polygon</source>
        <translation>多边形(&amp;P)</translation>
    </message>
    <message>
        <source>Polygon (P): click the corners, double-click or Enter to fill, Esc to cancel, Backspace removes the last corner; hold Shift when closing to erase</source>
        <translation>多边形 (P)：单击各个顶点，双击或按 Enter 填充，按 Esc 取消，按 Backspace 删除最后一个顶点；闭合时按住 Shift 则改为擦除</translation>
    </message>
    <message>
        <source>&amp;Fill</source>
        <translation>填充(&amp;F)</translation>
    </message>
    <message>
        <source>Fill (F): fill the enclosed region of the mask under the cursor, e.g. the inside of a painted outline; Shift+click erases a painted region</source>
        <translation>填充 (F)：填充光标下掩码的封闭区域，例如已绘轮廓的内部；Shift+单击可擦除已涂绘的区域</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the whole mask (can be undone)</source>
        <translation>清除整个掩码（可撤销）</translation>
    </message>
    <message>
        <source>&amp;Save mask</source>
        <translation>保存掩码(&amp;S)</translation>
    </message>
    <message>
        <source>Save the mask, defect type and note to the database as a new annotation (Ctrl+S)</source>
        <translation>将掩码、缺陷类型和备注作为新标注保存到数据库 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Show &amp;mask</source>
        <translation>显示掩码(&amp;M)</translation>
    </message>
    <message>
        <source>Show or hide the painted mask (M)</source>
        <translation>显示或隐藏涂绘的掩码 (M)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合视图</translation>
    </message>
    <message>
        <source>Fit the image to the editor (wheel zooms, middle button or Space+drag pans)</source>
        <translation>使图像适合编辑器大小（滚轮缩放，中键拖动或 Space+拖动平移）</translation>
    </message>
    <message>
        <source>Smaller brush</source>
        <translation>缩小画笔</translation>
    </message>
    <message>
        <source>Larger brush</source>
        <translation>放大画笔</translation>
    </message>
    <message>
        <source>Annotation tools</source>
        <translation>标注工具</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Brush diameter in image pixels ([ and ] change it)</source>
        <translation>画笔直径，以图像像素为单位（按 [ 和 ] 调整）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <source>Defect &amp;type:</source>
        <translation>缺陷类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>e.g. crack</source>
        <translation>例如：裂纹</translation>
    </message>
    <message>
        <source>What kind of defect the mask shows</source>
        <translation>掩码所示的缺陷类型</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <source>Edit history: click a step to go back to it</source>
        <translation>编辑历史：单击某一步骤即可回到该步骤</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销%1</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做%1</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Unsaved annotation</source>
        <translation>未保存的标注</translation>
    </message>
    <message>
        <source>The annotation of %1 has unsaved changes.</source>
        <translation>%1 的标注有未保存的更改。</translation>
    </message>
    <message>
        <source>Save them to the database before continuing?</source>
        <translation>是否在继续之前将其保存到数据库？</translation>
    </message>
    <message>
        <source>%1: cannot open the image for annotation: %2</source>
        <translation>%1：无法打开图像进行标注：%2</translation>
    </message>
    <message>
        <source>Open an image before saving an annotation.</source>
        <translation>请先打开图像，再保存标注。</translation>
    </message>
    <message>
        <source>The annotation of %1 was not saved: %2</source>
        <translation>%1 的标注未保存：%2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Open an image (File ▸ Open image, or pick one in the dataset tree), then paint the defect. Masks are saved to %1.</source>
        <translation>打开一张图像（文件 ▸ 打开图像，或在数据集树中选择一张），然后涂绘缺陷。掩码将保存到 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Stored annotation #%1 by %2, %3 (%n version(s) in the database).</source>
        <translation>
            <numerusform>已存储的标注 #%1，由 %2 创建于 %3（数据库中共 %n 个版本）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not annotated yet.</source>
        <translation>尚未标注。</translation>
    </message>
    <message>
        <source>Defect area: %1 pixel(s), %2 % of the image.</source>
        <translation>缺陷面积：%1 像素，占图像的 %2 %。</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>有未保存的更改。</translation>
    </message>
    <message>
        <source>The stored mask could not be loaded; editing started from an empty mask.</source>
        <translation>无法加载已存储的掩码；已从空白掩码开始编辑。</translation>
    </message>
    <message>
        <source>&amp;Heatmap</source>
        <translation>热力图(&amp;H)</translation>
    </message>
    <message>
        <source>Show or hide the model&apos;s heatmap under the mask (H)</source>
        <translation>显示或隐藏掩码下方的模型热力图 (H)</translation>
    </message>
    <message>
        <source>&amp;Ground truth</source>
        <translation>真值掩码(&amp;G)</translation>
    </message>
    <message>
        <source>Show or hide the dataset&apos;s ground-truth mask as a dashed outline (G)</source>
        <translation>以虚线轮廓显示或隐藏数据集的真值掩码 (G)</translation>
    </message>
    <message>
        <source>%1: the ground-truth mask cannot be shown: %2</source>
        <translation>%1：无法显示真值掩码：%2</translation>
    </message>
    <message>
        <source>its size differs from the image&apos;s</source>
        <translation>其尺寸与图像不同</translation>
    </message>
</context>
<context>
    <name>dl::ui::DatasetTree</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
</context>
<context>
    <name>dl::ui::EngineBridge</name>
    <message>
        <source>Importing dataset %1</source>
        <translation>正在导入数据集 %1</translation>
    </message>
    <message>
        <source>Dataset import</source>
        <translation>数据集导入</translation>
    </message>
    <message>
        <source>Loading model %1</source>
        <translation>正在加载模型 %1</translation>
    </message>
    <message>
        <source>Model loading</source>
        <translation>模型加载</translation>
    </message>
    <message>
        <source>Decoding %1</source>
        <translation>正在解码 %1</translation>
    </message>
    <message>
        <source>Scoring %1</source>
        <translation>正在为 %1 评分</translation>
    </message>
    <message>
        <source>Rendering heatmap</source>
        <translation>正在渲染热力图</translation>
    </message>
    <message>
        <source>Image scoring</source>
        <translation>图像评分</translation>
    </message>
    <message>
        <source>Unexpected engine error: %1</source>
        <translation>引擎发生意外错误：%1</translation>
    </message>
    <message>
        <source>Compute threads</source>
        <translation>计算线程设置</translation>
    </message>
    <message>
        <source>Training %1</source>
        <translation>正在训练 %1</translation>
    </message>
    <message>
        <source>Saving %1</source>
        <translation>正在保存 %1</translation>
    </message>
    <message>
        <source>Evaluating %1</source>
        <translation>正在评估 %1</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>正在加载 %1</translation>
    </message>
    <message>
        <source>Loading SDAS model %1</source>
        <translation>正在加载 SDAS 模型 %1</translation>
    </message>
    <message numerus="yes">
        <source>Generating %n image(s)</source>
        <translation>
            <numerusform>正在生成 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Synthesis preview</source>
        <translation>合成预览</translation>
    </message>
    <message>
        <source>the test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Inspecting %1</source>
        <translation>正在检查 %1</translation>
    </message>
    <message>
        <source>Cross-validating the threshold of %1</source>
        <translation>正在交叉验证 %1 的阈值</translation>
    </message>
    <message>
        <source>Ranking images for labelling</source>
        <translation>正在为标注排序图像</translation>
    </message>
</context>
<context>
    <name>dl::ui::ImportDialog</name>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>MVTec AD (train/good, test/&lt;defect&gt;, ground_truth)</source>
        <translation>MVTec AD（train/good、test/&lt;缺陷&gt;、ground_truth）</translation>
    </message>
    <message>
        <source>Image + mask folders (one folder per class)</source>
        <translation>图像 + 掩码文件夹（每类一个文件夹）</translation>
    </message>
    <message>
        <source>VisA (split_csv/1cls.csv)</source>
        <translation>VisA（split_csv/1cls.csv）</translation>
    </message>
    <message>
        <source>Plain image folder (normal images only)</source>
        <translation>普通图像文件夹（仅含正常图像）</translation>
    </message>
    <message>
        <source>Auto-detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Choose a dataset folder.</source>
        <translation>请选择数据集文件夹。</translation>
    </message>
    <message>
        <source>Unexpected error while reading %1: %2</source>
        <translation>读取 %1 时发生意外错误：%2</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Dataset root folder</source>
        <translation>数据集根文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <source>Auto-detect (found: %1)</source>
        <translation>自动检测（检测到：%1）</translation>
    </message>
    <message>
        <source>&amp;Normal class:</source>
        <translation>正常类(&amp;N)：</translation>
    </message>
    <message>
        <source>The class folder that holds the defect-free images</source>
        <translation>存放无缺陷图像的类文件夹</translation>
    </message>
    <message>
        <source>&amp;Test fraction:</source>
        <translation>测试比例(&amp;T)：</translation>
    </message>
    <message>
        <source>Share of the normal images held out for testing; every defect image is a test image</source>
        <translation>留作测试的正常图像所占比例；所有缺陷图像均为测试图像</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>随机种子(&amp;S)：</translation>
    </message>
    <message>
        <source>Seed of the reproducible train/test split</source>
        <translation>用于可复现的训练/测试划分的随机种子</translation>
    </message>
    <message>
        <source>Category / split / defect type</source>
        <translation>类别 / 划分 / 缺陷类型</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>A few images of each group</source>
        <translation>每组的部分示例图像</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>选择数据集文件夹</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Choose a folder to see what it contains.</source>
        <translation>选择一个文件夹以查看其内容。</translation>
    </message>
    <message>
        <source>Nothing can be imported from this folder yet.</source>
        <translation>目前无法从此文件夹导入任何内容。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>categories: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Normal class: %1</source>
        <translation>正常类：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be skipped, e.g. %1</source>
        <translation>
            <numerusform>将跳过 %n 个文件，例如 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>O&amp;bject:</source>
        <translation>对象(&amp;B)：</translation>
    </message>
    <message>
        <source>All objects of the csv</source>
        <translation>CSV 中的所有对象</translation>
    </message>
    <message>
        <source>Import only this object of split_csv/1cls.csv</source>
        <translation>仅导入 split_csv/1cls.csv 中的此对象</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <source>Default: the folder name</source>
        <translation>默认：文件夹名称</translation>
    </message>
    <message>
        <source>The category name the images are filed under</source>
        <translation>图像归入的类别名称</translation>
    </message>
</context>
<context>
    <name>dl::ui::LabelQueuePanel</name>
    <message>
        <source>an operator overrode the model here</source>
        <translation>操作员在此更改了模型的判定</translation>
    </message>
    <message>
        <source>%1 normal spreads from the threshold</source>
        <translation>距阈值 %1 个正常分布宽度</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>&amp;Rank images</source>
        <translation>排序图像(&amp;R)</translation>
    </message>
    <message>
        <source>Score the dataset&apos;s test images that are not annotated yet with the loaded model and rank them: operator overrides first, then those nearest the threshold</source>
        <translation>用已加载的模型为数据集中尚未标注的测试图像评分并排序：先是操作员更改过的，然后是最接近阈值的</translation>
    </message>
    <message>
        <source>&amp;Open next</source>
        <translation>打开下一张(&amp;O)</translation>
    </message>
    <message>
        <source>Open the next image of the queue in the annotation editor; saving its mask moves on</source>
        <translation>在标注编辑器中打开队列中的下一张图像；保存其掩码后继续</translation>
    </message>
    <message>
        <source>Ranking the images…</source>
        <translation>正在排序图像…</translation>
    </message>
    <message>
        <source>Load a model and a dataset, then rank the images the model is least sure about. Label the defects among them; Retrain with annotations uses them.</source>
        <translation>加载模型和数据集，然后对模型最不确定的图像排序。标注其中的缺陷；“使用标注重新训练”会用到它们。</translation>
    </message>
    <message>
        <source>%1 of %2 labelled; ranked with %3 (threshold %4); %5 annotated before are left out.</source>
        <translation>已标注 %1 / %2；用 %3 排序（阈值 %4）；已排除此前标注的 %5 张。</translation>
    </message>
</context>
<context>
    <name>dl::ui::LinePanel</name>
    <message>
        <source>Watching %1 with %2</source>
        <translation>正在用 %2 监视 %1</translation>
    </message>
    <message>
        <source>Watch folder</source>
        <translation>监视文件夹</translation>
    </message>
    <message>
        <source>Archive folder</source>
        <translation>归档文件夹</translation>
    </message>
    <message>
        <source>Choose an existing folder to watch (got &quot;%1&quot;).</source>
        <translation>请选择一个已存在的文件夹进行监视（收到“%1”）。</translation>
    </message>
    <message>
        <source>No model is loaded: open a model, or choose the active model.</source>
        <translation>尚未加载模型：请打开一个模型，或选择当前生效的模型。</translation>
    </message>
    <message>
        <source>Line mode records every part: set up a results database first (Settings).</source>
        <translation>产线模式会记录每个零件：请先设置结果数据库（设置）。</translation>
    </message>
    <message>
        <source>Stopping after the part in hand…</source>
        <translation>处理完当前零件后停止…</translation>
    </message>
    <message>
        <source>(no image: %1)</source>
        <translation>（无图像：%1）</translation>
    </message>
    <message>
        <source>UNREADABLE</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>score %1 (threshold %2)</source>
        <translation>分数 %1（阈值 %2）</translation>
    </message>
    <message>
        <source>recorded %1 ms after it was written</source>
        <translation>写入后 %1 毫秒记录</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>Overridden by the operator</source>
        <translation>操作员已更改</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>良率</translation>
    </message>
    <message>
        <source>Not watching.</source>
        <translation>未在监视。</translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n part(s) waiting.</source>
        <translation>
            <numerusform>已暂停：%n 个零件等待中。</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>正在加载模型…</translation>
    </message>
    <message numerus="yes">
        <source>Watching with %1; %n part(s) waiting.</source>
        <translation>
            <numerusform>正在用 %1 监视；%n 个零件等待中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: %n defective part(s) in a row. Check the line.</source>
        <translation>
            <numerusform>报警：连续 %n 个缺陷零件。请检查产线。</numerusform>
        </translation>
    </message>
    <message>
        <source>Watch folder:</source>
        <translation>监视文件夹：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Subfolders</source>
        <translation>子文件夹</translation>
    </message>
    <message>
        <source>Archive to:</source>
        <translation>归档到：</translation>
    </message>
    <message>
        <source>optional: inspected parts are moved here</source>
        <translation>可选：检测完的零件移动到此处</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>The active model (follows promotions)</source>
        <translation>当前生效的模型（跟随启用）</translation>
    </message>
    <message>
        <source>The loaded model (none loaded)</source>
        <translation>已加载的模型（未加载）</translation>
    </message>
    <message>
        <source>The loaded model: %1</source>
        <translation>已加载的模型：%1</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Parts keep arriving and wait until you resume (Space)</source>
        <translation>零件继续到达并等待，直到您继续（空格键）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Alarm after defects in a row:</source>
        <translation>连续缺陷报警数：</translation>
    </message>
    <message>
        <source>Acknowledge alarm</source>
        <translation>确认报警</translation>
    </message>
    <message>
        <source>Accept (OK)</source>
        <translation>接受（合格）</translation>
    </message>
    <message>
        <source>Mark the part shown as OK (A)</source>
        <translation>将显示的零件标记为合格 (A)</translation>
    </message>
    <message>
        <source>Reject (defect)</source>
        <translation>拒绝（缺陷）</translation>
    </message>
    <message>
        <source>Mark the part shown as defective (R)</source>
        <translation>将显示的零件标记为缺陷 (R)</translation>
    </message>
    <message>
        <source>The newest part appears here with its heatmap.</source>
        <translation>最新的零件及其热力图显示在这里。</translation>
    </message>
    <message>
        <source>Yield (%)</source>
        <translation>良率 (%)</translation>
    </message>
    <message>
        <source>OK share of the last %1 parts</source>
        <translation>最近 %1 个零件的合格比例</translation>
    </message>
    <message>
        <source>The tile overlap (%1 px) must be smaller than the tile size (%2 px).</source>
        <translation>图块重叠（%1 px）必须小于图块大小（%2 px）。</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>List the folder every</source>
        <translation>每隔多久列出文件夹</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>never (file events only)</source>
        <translation>从不（仅文件事件）</translation>
    </message>
    <message>
        <source>For network shares, which announce no new files: also look into the folder this often</source>
        <translation>用于不通知新文件的网络共享：也按此间隔查看文件夹</translation>
    </message>
    <message>
        <source>Tiles:</source>
        <translation>图块：</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>as the model was trained</source>
        <translation>与模型训练时相同</translation>
    </message>
    <message>
        <source>Score large images in overlapping tiles of this size at full resolution</source>
        <translation>以此大小的重叠图块按原始分辨率为大图像评分</translation>
    </message>
    <message>
        <source>overlap:</source>
        <translation>重叠：</translation>
    </message>
    <message>
        <source>Publish to:</source>
        <translation>发布到：</translation>
    </message>
    <message>
        <source>optional: mqtt://broker:1883/line1/verdicts (password and TLS files from DEFECTLENS_MQTT_PASSWORD, _CA, _CERT, _KEY)</source>
        <translation>可选：mqtt://broker:1883/line1/verdicts（密码和 TLS 文件来自 DEFECTLENS_MQTT_PASSWORD、_CA、_CERT、_KEY）</translation>
    </message>
</context>
<context>
    <name>dl::ui::LineSession</name>
    <message>
        <source>Line stopped: %1 parts scored, %2 could not be read, %3 already inspected before.</source>
        <translation>产线已停止：已评分 %1 个零件，%2 个无法读取，%3 个此前已检测。</translation>
    </message>
</context>
<context>
    <name>dl::ui::MainWindow</name>
    <message>
        <source>DefectLens</source>
        <translation>DefectLens</translation>
    </message>
    <message>
        <source>DefectLens %1 ready.</source>
        <translation>DefectLens %1 已就绪。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;dataset folder…</source>
        <translation>打开数据集文件夹(&amp;D)…</translation>
    </message>
    <message>
        <source>Import a dataset folder (MVTec AD, VisA, image/mask folders or plain images)</source>
        <translation>导入数据集文件夹（MVTec AD、VisA、图像/掩码文件夹或普通图像文件夹）</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <source>Load a trained DefectLens model bundle (.dlm)</source>
        <translation>加载已训练的 DefectLens 模型包（.dlm）</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Score an image file with the loaded model</source>
        <translation>用已加载的模型为图像文件评分</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About DefectLens</source>
        <translation>关于 DefectLens(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Opening dataset %1</source>
        <translation>正在打开数据集 %1</translation>
    </message>
    <message>
        <source>Opening model %1</source>
        <translation>正在打开模型 %1</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens 模型 (*.dlm)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>About DefectLens</source>
        <translation>关于 DefectLens</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DefectLens %1&lt;/h3&gt;&lt;p&gt;A workstation for visual anomaly detection in industrial inspection: train detectors on images of good parts, then find and localise defects.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch and OpenCV.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DefectLens %1&lt;/h3&gt;&lt;p&gt;面向工业检测的视觉异常检测工作站：用合格零件的图像训练检测器，然后发现并定位缺陷。&lt;/p&gt;&lt;p&gt;基于 Qt %2、LibTorch 和 OpenCV 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — DefectLens</source>
        <translation>%1 — DefectLens</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 (format: %2, categories: %3): %n image(s)</source>
        <translation>
            <numerusform>已导入 %1（格式：%2，类别数：%3）：%n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped during import</source>
        <translation>
            <numerusform>导入时跳过了 %n 个文件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dataset imported: %n image(s)</source>
        <translation>
            <numerusform>数据集已导入：%n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Model: %1 (%2), threshold %3</source>
        <translation>模型：%1（%2），阈值 %3</translation>
    </message>
    <message>
        <source>Loaded model %1: method %2, categories %3, threshold %4 (%5)</source>
        <translation>已加载模型 %1：方法 %2，类别 %3，阈值 %4（%5）</translation>
    </message>
    <message>
        <source>%1: score %2, %3</source>
        <translation>%1：得分 %2，%3</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1失败</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1已取消</translation>
    </message>
    <message>
        <source>debug: </source>
        <translation>调试：</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>error: </source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>Open results &amp;database…</source>
        <translation>打开结果数据库(&amp;D)…</translation>
    </message>
    <message>
        <source>Review the results recorded by defectlens-cli test/predict --db</source>
        <translation>审核由 defectlens-cli test/predict --db 记录的结果</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>导出报告(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the selected run&apos;s report as HTML, CSV and PDF</source>
        <translation>将所选运行的报告写为 HTML、CSV 和 PDF</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>结果数据库</translation>
    </message>
    <message>
        <source>Open results database</source>
        <translation>打开结果数据库</translation>
    </message>
    <message>
        <source>Opened results database %1</source>
        <translation>已打开结果数据库 %1</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Report of run %1 written to %2.html, .csv and .pdf</source>
        <translation>运行 %1 的报告已写入 %2.html、.csv 和 .pdf</translation>
    </message>
    <message>
        <source>Report written: %1.html</source>
        <translation>报告已写入：%1.html</translation>
    </message>
    <message>
        <source>DefectLens databases (*.sqlite *.db)</source>
        <translation>DefectLens 数据库 (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Choose a run in the results table first.</source>
        <translation>请先在结果表中选择一个运行。</translation>
    </message>
    <message>
        <source>HTML report, with CSV and PDF beside it (*.html)</source>
        <translation>HTML 报告，同目录附带 CSV 和 PDF (*.html)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Annotate defects</source>
        <translation>标注缺陷(&amp;A)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training and evaluation</source>
        <translation>训练与评估</translation>
    </message>
    <message>
        <source>Trained %1 in %2 s: %3</source>
        <translation>已训练 %1，用时 %2 秒：%3</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Annotation %1 of %2 saved to %3</source>
        <translation>%2 的标注 %1 已保存到 %3</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>Anomaly &amp;synthesis preview…</source>
        <translation>异常合成预览(&amp;S)…</translation>
    </message>
    <message>
        <source>Generate anomalies with an SDAS model at a chosen strength</source>
        <translation>用 SDAS 模型按所选强度生成异常</translation>
    </message>
    <message>
        <source>SDAS model %1 is ready for RealNet&apos;s synthesis and for Tools &gt; Anomaly synthesis preview.</source>
        <translation>SDAS 模型 %1 已可用于 RealNet 的合成以及“工具 &gt; 异常合成预览”。</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>检查(&amp;I)</translation>
    </message>
    <message>
        <source>Inspect &amp;folder…</source>
        <translation>检查文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Score every image of a folder with the loaded model and record the results</source>
        <translation>用已加载的模型为文件夹中的每张图像评分并记录结果</translation>
    </message>
    <message>
        <source>Inspect the &amp;test set</source>
        <translation>检查测试集(&amp;T)</translation>
    </message>
    <message>
        <source>Score the loaded dataset&apos;s test images with the loaded model and record the results with their metrics</source>
        <translation>用已加载的模型为数据集的测试图像评分，并记录结果及其指标</translation>
    </message>
    <message>
        <source>%1 is ready for review; promote it in the Models dock to put it into use.</source>
        <translation>%1 已可审阅；在模型面板中采用后即投入使用。</translation>
    </message>
    <message>
        <source>A report is being written; wait for it or cancel it first.</source>
        <translation>正在写入报告；请等待完成或先取消。</translation>
    </message>
    <message>
        <source>Writing the report of run %1…</source>
        <translation>正在写入运行 %1 的报告…</translation>
    </message>
    <message>
        <source>Cancelling the report…</source>
        <translation>正在取消报告…</translation>
    </message>
    <message>
        <source>Report of run %1 cancelled; no files written</source>
        <translation>运行 %1 的报告已取消；未写入任何文件</translation>
    </message>
    <message>
        <source>Report cancelled</source>
        <translation>报告已取消</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Open or train a model first: an inspection scores images with the loaded model.</source>
        <translation>请先打开或训练模型：检查使用已加载的模型为图像评分。</translation>
    </message>
    <message>
        <source>Open a dataset first: its test images are inspected.</source>
        <translation>请先打开数据集：将检查其测试图像。</translation>
    </message>
    <message>
        <source>Inspecting the test set with %1</source>
        <translation>正在用 %1 检查测试集</translation>
    </message>
    <message>
        <source>Inspecting %1 with %2</source>
        <translation>正在用 %2 检查 %1</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 不是文件夹。</translation>
    </message>
    <message>
        <source>Inspect folder</source>
        <translation>检查文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Inspected %n image(s) of %1: %2 defective</source>
        <translation>
            <numerusform>已检查 %1 的 %n 张图像：%2 张有缺陷</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be scored (see the run&apos;s results)</source>
        <translation>
            <numerusform>%n 个文件无法评分（见该运行的结果）</numerusform>
        </translation>
    </message>
    <message>
        <source>image AUROC %1</source>
        <translation>图像 AUROC %1</translation>
    </message>
    <message>
        <source>Annotated images could not be marked: %1</source>
        <translation>无法标记已标注的图像：%1</translation>
    </message>
    <message>
        <source>&amp;Line mode (watch a folder)</source>
        <translation>产线模式（监视文件夹）(&amp;L)</translation>
    </message>
    <message>
        <source>Score each image as it arrives in a folder, live, and record every part</source>
        <translation>图像一到达文件夹即实时评分，并记录每个零件</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>产线</translation>
    </message>
    <message>
        <source>Result %1 is not shown in the results table (check its filters).</source>
        <translation>结果 %1 未显示在结果表中（请检查其筛选条件）。</translation>
    </message>
    <message>
        <source>&amp;Label next…</source>
        <translation>下一个标注(&amp;L)…</translation>
    </message>
    <message>
        <source>Rank the images the model is least sure about and annotate them in that order</source>
        <translation>对模型最不确定的图像排序，并按此顺序标注</translation>
    </message>
    <message>
        <source>Label next</source>
        <translation>下一个标注</translation>
    </message>
    <message numerus="yes">
        <source>Label next: %n image(s) ranked</source>
        <translation>
            <numerusform>下一个标注：已排序 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Open or train a model first: it ranks the images.</source>
        <translation>请先打开或训练一个模型：由它对图像排序。</translation>
    </message>
    <message>
        <source>Open a dataset first: its test images are ranked.</source>
        <translation>请先打开一个数据集：将对其测试图像排序。</translation>
    </message>
    <message>
        <source>Open results database on a se&amp;rver…</source>
        <translation>打开服务器上的结果数据库(&amp;R)…</translation>
    </message>
    <message>
        <source>Open the PostgreSQL database the line shares (postgresql://user@host/line1)</source>
        <translation>打开产线共用的 PostgreSQL 数据库（postgresql://user@host/line1）</translation>
    </message>
    <message>
        <source>Open results database on a server</source>
        <translation>打开服务器上的结果数据库</translation>
    </message>
    <message>
        <source>PostgreSQL address, e.g. postgresql://user@host/line1
(the password comes from DEFECTLENS_DB_PASSWORD or ~/.pgpass):</source>
        <translation>PostgreSQL 地址，例如 postgresql://user@host/line1
（密码取自 DEFECTLENS_DB_PASSWORD 或 ~/.pgpass）：</translation>
    </message>
    <message>
        <source>A server database is named by a postgresql:// address, e.g. postgresql://user@host/line1. Open a database file with File ▸ Open results database.</source>
        <translation>服务器数据库需以 postgresql:// 地址指定，例如 postgresql://user@host/line1。数据库文件请通过“文件 ▸ 打开结果数据库”打开。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <source>Paint the defect mask of the current image for training (DMAD, CSE, RealNet and STLM learn from it)</source>
        <translation>为当前图像涂绘缺陷掩码以用于训练（DMAD、CSE、RealNet 和 STLM 会从中学习）</translation>
    </message>
</context>
<context>
    <name>dl::ui::ModelCompare</name>
    <message>
        <source>Select two models and press Compare.</source>
        <translation>选择两个模型，然后按“比较”。</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <source>True positive rate</source>
        <translation>真阳性率</translation>
    </message>
    <message>
        <source>False positive rate (pixels)</source>
        <translation>假阳性率（像素）</translation>
    </message>
    <message>
        <source>Per-region overlap</source>
        <translation>逐区域重叠率</translation>
    </message>
    <message>
        <source>Image ROC</source>
        <translation>图像级 ROC</translation>
    </message>
    <message>
        <source>Pixel PRO (FPR ≤ 0.3)</source>
        <translation>像素级 PRO（FPR ≤ 0.3）</translation>
    </message>
    <message>
        <source>Before: %1
After: %2</source>
        <translation>之前：%1
之后：%2</translation>
    </message>
    <message>
        <source>Evaluating both models on the same test images…</source>
        <translation>正在相同的测试图像上评估两个模型…</translation>
    </message>
    <message numerus="yes">
        <source>Both models evaluated on %n test image(s).</source>
        <translation>
            <numerusform>已在 %n 张测试图像上评估两个模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>图像级 AUROC</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>像素级 AUROC</translation>
    </message>
    <message>
        <source>AU-PRO</source>
        <translation>AU-PRO</translation>
    </message>
    <message>
        <source>F1-max</source>
        <translation>F1-max</translation>
    </message>
    <message>
        <source>Average precision</source>
        <translation>平均精度</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Categ&amp;ory:</source>
        <translation>类别(&amp;O)：</translation>
    </message>
    <message>
        <source>All categories (mean)</source>
        <translation>全部类别（平均值）</translation>
    </message>
    <message>
        <source>Promoted</source>
        <translation>已采用</translation>
    </message>
    <message>
        <source>&amp;Promote the new model…</source>
        <translation>采用新模型(&amp;P)…</translation>
    </message>
    <message>
        <source>Make the new model the active one (asks for a reason); until then the old model stays in use</source>
        <translation>将新模型设为当前模型（需要填写理由）；在此之前旧模型继续使用</translation>
    </message>
    <message>
        <source>before → after (change)</source>
        <translation>之前 → 之后 (变化)</translation>
    </message>
    <message>
        <source>Within its images</source>
        <translation>在其图像内</translation>
    </message>
    <message>
        <source>Pixel AUROC of the type&apos;s defect pixels against the other pixels of the same images, before → after (change): whether the map finds the defect inside an image, not only which images it flags</source>
        <translation>该类型的缺陷像素与同一图像中其他像素相比的像素 AUROC，之前 → 之后 (变化)：热力图能否在图像内找到缺陷，而不仅是标记哪些图像</translation>
    </message>
    <message>
        <source>C&amp;urves</source>
        <translation>曲线(&amp;U)</translation>
    </message>
    <message>
        <source>By &amp;defect type</source>
        <translation>按缺陷类型(&amp;D)</translation>
    </message>
    <message>
        <source>Each defect type against the category&apos;s good images: which kinds of defect the new model finds better or worse</source>
        <translation>每种缺陷类型与该类别的良品图像对比: 新模型对哪些缺陷检测得更好或更差</translation>
    </message>
    <message numerus="yes">
        <source>%n defect image(s); %1 % of the category&apos;s defect pixels</source>
        <translation>
            <numerusform>%n 张缺陷图像，占该类别缺陷像素的 %1 %</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n defect image(s); no defect pixels in their masks</source>
        <translation>
            <numerusform>%n 张缺陷图像，掩码中没有缺陷像素</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 score on different scales: their thresholds are not comparable.</source>
        <translation>%1 和 %2 的评分尺度不同：它们的阈值不可比较。</translation>
    </message>
</context>
<context>
    <name>dl::ui::ModelList</name>
    <message>
        <source>No models yet: train one, or open a results database.</source>
        <translation>尚无模型：请训练一个模型，或打开结果数据库。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父模型</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>图像级 AUROC</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>像素级 AUROC</translation>
    </message>
    <message>
        <source>AU-PRO</source>
        <translation>AU-PRO</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <source>Evaluate the two selected models on the loaded test images</source>
        <translation>在已加载的测试图像上评估所选的两个模型</translation>
    </message>
    <message>
        <source>Comparison failed: %1</source>
        <translation>比较失败：%1</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>比较已取消。</translation>
    </message>
    <message>
        <source>Active model</source>
        <translation>当前模型</translation>
    </message>
    <message>
        <source>%1 (file missing)</source>
        <translation>%1（文件缺失）</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <source>%1: the model file does not exist any more.</source>
        <translation>%1：模型文件已不存在。</translation>
    </message>
    <message>
        <source>Select exactly two models to compare.</source>
        <translation>请恰好选择两个模型进行比较。</translation>
    </message>
    <message>
        <source>Import the dataset to compare the models on first.</source>
        <translation>请先导入用于比较模型的数据集。</translation>
    </message>
    <message>
        <source>%1 is not a model of this database, so it was opened without being put into use.</source>
        <translation>%1 不是此数据库中的模型，因此已打开但未投入使用。</translation>
    </message>
    <message>
        <source>Promoted by %1 on %2</source>
        <translation>由 %1 于 %2 投入使用</translation>
    </message>
    <message>
        <source>%1 is an SDAS synthesis model: it generates anomalies for RealNet (Training dock, Tools &gt; Anomaly synthesis preview) and cannot be put into use as a detector.</source>
        <translation>%1 是 SDAS 合成模型：它为 RealNet 生成异常（“训练”面板、“工具 &gt; 异常合成预览”），不能作为检测器投入使用。</translation>
    </message>
    <message>
        <source>&amp;Promote…</source>
        <translation>采用(&amp;P)…</translation>
    </message>
    <message>
        <source>Put the selected model into use on the line (asks for a reason)</source>
        <translation>将所选模型投入产线使用（需要填写理由）</translation>
    </message>
    <message>
        <source>%1 was not promoted: a promotion needs a reason.</source>
        <translation>%1 未被采用：采用需要理由。</translation>
    </message>
    <message>
        <source>Promote model</source>
        <translation>采用模型</translation>
    </message>
    <message>
        <source>Put %1 into use on the line?</source>
        <translation>将 %1 投入产线使用？</translation>
    </message>
    <message>
        <source>Replace %1 with %2 on the line?</source>
        <translation>在产线上用 %2 替换 %1？</translation>
    </message>
    <message>
        <source>Every workstation that follows this database switches to it. Your name and the reason are recorded.</source>
        <translation>所有跟随此数据库的工作站都会切换到它。您的姓名和理由将被记录。</translation>
    </message>
    <message>
        <source>e.g. fewer false rejects on last week&apos;s parts</source>
        <translation>例如：上周零件的误判更少</translation>
    </message>
    <message>
        <source>Promote</source>
        <translation>采用</translation>
    </message>
    <message>
        <source>&amp;Threshold…</source>
        <translation>阈值(&amp;T)…</translation>
    </message>
    <message>
        <source>Choose the selected model&apos;s threshold by the share of good parts it may reject</source>
        <translation>按允许误判的良品比例选择所选模型的阈值</translation>
    </message>
    <message>
        <source>Import the dataset the model was trained on first: its training images are cross-validated.</source>
        <translation>请先导入训练该模型的数据集：将对其训练图像进行交叉验证。</translation>
    </message>
</context>
<context>
    <name>dl::ui::ReportExportJob</name>
    <message>
        <source>The report was not written.</source>
        <translation>报告未写入。</translation>
    </message>
</context>
<context>
    <name>dl::ui::ReportExporter</name>
    <message>
        <source>Run %1 does not exist in %2</source>
        <translation>%2 中不存在运行 %1</translation>
    </message>
    <message>
        <source>DefectLens inspection report — run #%1</source>
        <translation>DefectLens 检测报告 — 运行 #%1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>#%1 %2, %3</source>
        <translation>#%1 %2，%3</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Model verdict OK</source>
        <translation>模型判定合格</translation>
    </message>
    <message>
        <source>Model verdict defect</source>
        <translation>模型判定缺陷</translation>
    </message>
    <message>
        <source>Operator overrides</source>
        <translation>操作员更正</translation>
    </message>
    <message>
        <source>Final OK</source>
        <translation>最终合格</translation>
    </message>
    <message>
        <source>Final defect</source>
        <translation>最终缺陷</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>模型包</translation>
    </message>
    <message>
        <source>Bundle checksum (SHA-256)</source>
        <translation>模型包校验和 (SHA-256)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>The run&apos;s model is not recorded in the database.</source>
        <translation>该运行的模型未记录在数据库中。</translation>
    </message>
    <message>
        <source>Model bundle %1 (not recorded in the database).</source>
        <translation>模型包 %1（未记录在数据库中）。</translation>
    </message>
    <message>
        <source>image unreadable</source>
        <translation>图像无法读取</translation>
    </message>
    <message>
        <source>image file missing</source>
        <translation>图像文件缺失</translation>
    </message>
    <message>
        <source>no heatmap stored</source>
        <translation>未保存热力图</translation>
    </message>
    <message>
        <source>heatmap file missing</source>
        <translation>热力图文件缺失</translation>
    </message>
    <message>
        <source>heatmap unreadable</source>
        <translation>热力图无法读取</translation>
    </message>
    <message>
        <source>%1 — page %2</source>
        <translation>%1 — 第 %2 页</translation>
    </message>
    <message>
        <source>from the model record</source>
        <translation>来自模型记录</translation>
    </message>
    <message>
        <source>from the run&apos;s parameters</source>
        <translation>来自运行参数</translation>
    </message>
    <message>
        <source>%1 of %2 results shown: %3.</source>
        <translation>显示 %2 个结果中的 %1 个：%3。</translation>
    </message>
    <message>
        <source>The run&apos;s one result is listed.</source>
        <translation>列出了该运行的 1 个结果。</translation>
    </message>
    <message>
        <source>All %1 results of the run are listed.</source>
        <translation>列出了该运行的全部 %1 个结果。</translation>
    </message>
    <message>
        <source>Only the first %1 results of the run were loaded.</source>
        <translation>仅加载了该运行的前 %1 个结果。</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Images listed</source>
        <translation>列出的图像</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Heatmaps stored</source>
        <translation>已保存的热力图</translation>
    </message>
    <message>
        <source>%1 of %2; raw maps are coloured from %3 to %4 (the run&apos;s lowest score to 1.25 × the threshold)</source>
        <translation>%2 个中的 %1 个；原始图按 %3 至 %4 着色（该运行的最低分数至 1.25 × 阈值）</translation>
    </message>
    <message>
        <source>Metrics from the labels</source>
        <translation>根据标签计算的指标</translation>
    </message>
    <message>
        <source>No labels: none of the run&apos;s images is labelled normal or defective.</source>
        <translation>无标签：该运行的图像均未标记为正常或有缺陷。</translation>
    </message>
    <message>
        <source>Computed from the %1 labelled of the run&apos;s %2 results, whatever the filter shows.</source>
        <translation>根据该运行 %2 个结果中已标记的 %1 个计算，与筛选无关。</translation>
    </message>
    <message>
        <source>needs normal and defective images</source>
        <translation>需要正常和有缺陷的图像</translation>
    </message>
    <message>
        <source>Labelled images</source>
        <translation>已标记的图像</translation>
    </message>
    <message>
        <source>%1 normal, %2 defective</source>
        <translation>正常 %1，有缺陷 %2</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>图像 AUROC</translation>
    </message>
    <message>
        <source>Average precision</source>
        <translation>平均精度</translation>
    </message>
    <message>
        <source>At the threshold %1</source>
        <translation>在阈值 %1 时</translation>
    </message>
    <message>
        <source>By the model&apos;s verdicts</source>
        <translation>按模型判定</translation>
    </message>
    <message>
        <source>%1 defects found, %2 missed, %3 false alarms, %4 normal passed</source>
        <translation>发现缺陷 %1，漏检 %2，误报 %3，正常放行 %4</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>Metrics recorded with the model</source>
        <translation>随模型记录的指标</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>像素 AUROC</translation>
    </message>
    <message>
        <source>AUPRO</source>
        <translation>AUPRO</translation>
    </message>
    <message>
        <source>F1 max</source>
        <translation>F1 最大值</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>Training time (s)</source>
        <translation>训练时间（秒）</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>无记录。</translation>
    </message>
    <message>
        <source>Written by the model&apos;s training and its latest evaluation, not necessarily this run.</source>
        <translation>由模型的训练及其最近一次评估写入，不一定来自本次运行。</translation>
    </message>
    <message>
        <source>Parent model</source>
        <translation>父模型</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started (UTC)</source>
        <translation>开始 (UTC)</translation>
    </message>
    <message>
        <source>Finished (UTC)</source>
        <translation>结束 (UTC)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation>参数 %1</translation>
    </message>
    <message>
        <source>Written %1 UTC from %2.</source>
        <translation>于 %1 UTC 根据 %2 写入。</translation>
    </message>
    <message>
        <source>DefectLens report, run #%1</source>
        <translation>DefectLens 报告，运行 #%1</translation>
    </message>
</context>
<context>
    <name>dl::ui::ResultView</name>
    <message>
        <source>normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>anomalous</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Anomaly heatmap</source>
        <translation>异常热力图</translation>
    </message>
    <message>
        <source>Select an image to see its anomaly heatmap.</source>
        <translation>选择一张图像以查看其异常热力图。</translation>
    </message>
    <message>
        <source>Open a model (File → Open model…) to see anomaly heatmaps.</source>
        <translation>打开模型（文件 → 打开模型…）即可查看异常热力图。</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>无图像</translation>
    </message>
    <message>
        <source>Open an image, or select one in the dataset tree.</source>
        <translation>打开一张图像，或在数据集树中选择一张。</translation>
    </message>
    <message>
        <source>Score %1 (threshold %2)</source>
        <translation>得分 %1（阈值 %2）</translation>
    </message>
    <message>
        <source>Network time: %1 ms</source>
        <translation>网络推理时间：%1 毫秒</translation>
    </message>
    <message>
        <source>Not scored: no model loaded</source>
        <translation>未评分：未加载模型</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>视图：</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>Image and heatmap side by side, or the heatmap blended over one large image</source>
        <translation>图像与热力图并排显示，或将热力图叠加在一张大图上</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>配色：</translation>
    </message>
    <message>
        <source>Colour map of the anomaly scores</source>
        <translation>异常分数的颜色映射</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>不透明度：</translation>
    </message>
    <message>
        <source>How strongly the heatmap covers the image</source>
        <translation>热力图覆盖图像的程度</translation>
    </message>
    <message>
        <source>Contour:</source>
        <translation>轮廓：</translation>
    </message>
    <message>
        <source>Regions whose pixel score exceeds this value are outlined; it starts at the model&apos;s threshold</source>
        <translation>像素分数超过此值的区域将被勾勒轮廓；初始值为模型的阈值</translation>
    </message>
    <message>
        <source>Show heatmap &amp;overlay</source>
        <translation>显示热力图叠加层(&amp;O)</translation>
    </message>
    <message>
        <source>Show or hide the anomaly heatmap over the image (O)</source>
        <translation>显示或隐藏图像上的异常热力图 (O)</translation>
    </message>
    <message>
        <source>Image with anomaly heatmap</source>
        <translation>带异常热力图的图像</translation>
    </message>
    <message>
        <source>How strongly the heatmap covers the image: %1 %</source>
        <translation>热力图覆盖图像的程度：%1 %</translation>
    </message>
    <message>
        <source>x %1, y %2: pixel score %3 (normalised %4)</source>
        <translation>x %1，y %2：像素分数 %3（归一化值 %4）</translation>
    </message>
    <message>
        <source>x %1, y %2</source>
        <translation>x %1，y %2</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>评分中…</translation>
    </message>
    <message>
        <source>%1 (operator)</source>
        <translation>%1（操作员）</translation>
    </message>
    <message>
        <source>Set by %1</source>
        <translation>由 %1 设定</translation>
    </message>
    <message>
        <source>Model&apos;s verdict: %1</source>
        <translation>模型判定：%1</translation>
    </message>
    <message>
        <source>The model&apos;s verdict</source>
        <translation>模型的判定</translation>
    </message>
</context>
<context>
    <name>dl::ui::ResultsModel</name>
    <message>
        <source>Defect</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Overridden at %1</source>
        <translation>更正于 %1</translation>
    </message>
    <message>
        <source>Scored at %1</source>
        <translation>评分于 %1</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Defect type</source>
        <translation>缺陷类型</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>The model&apos;s verdict at its threshold</source>
        <translation>模型在其阈值下的判定</translation>
    </message>
    <message>
        <source>The operator&apos;s verdict where one was given; it is the one that counts</source>
        <translation>操作员给出的判定（如有）；以其为准</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
</context>
<context>
    <name>dl::ui::ResultsTable</name>
    <message>
        <source>All verdicts</source>
        <translation>全部判定</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>The operator&apos;s verdict where overridden, else the model&apos;s</source>
        <translation>若已更正则为操作员的判定，否则为模型的判定</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>判定：</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>分数：</translation>
    </message>
    <message>
        <source>&amp;Accept (OK)</source>
        <translation>接受（合格）(&amp;A)</translation>
    </message>
    <message>
        <source>Mark the selected image as OK (A)</source>
        <translation>将所选图像标记为合格 (A)</translation>
    </message>
    <message>
        <source>&amp;Reject (defect)</source>
        <translation>拒绝（缺陷）(&amp;R)</translation>
    </message>
    <message>
        <source>Mark the selected image as defective (R)</source>
        <translation>将所选图像标记为缺陷 (R)</translation>
    </message>
    <message>
        <source>All runs</source>
        <translation>全部运行</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>#%1 %2, %3 (%4)</source>
        <translation>#%1 %2，%3（%4）</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n result(s)</source>
        <translation>
            <numerusform>%1 / %n 个结果</numerusform>
        </translation>
    </message>
    <message>
        <source>(first %1 loaded)</source>
        <translation>（已加载前 %1 条）</translation>
    </message>
    <message>
        <source>%1 marked %2</source>
        <translation>%1 已标记为%2</translation>
    </message>
    <message>
        <source>Accept as OK</source>
        <translation>接受为合格</translation>
    </message>
    <message>
        <source>Reject as defect</source>
        <translation>作为缺陷拒绝</translation>
    </message>
    <message>
        <source>The verdict of %1 was not changed: an override needs a reason.</source>
        <translation>%1 的判定未更改：更正需要理由。</translation>
    </message>
    <message>
        <source>(hidden now: it no longer matches the filter)</source>
        <translation>（已隐藏：不再符合筛选条件）</translation>
    </message>
    <message>
        <source>Why is %1 %2? The reason is recorded with your name.</source>
        <translation>为什么 %1 是 %2？理由将与您的姓名一起记录。</translation>
    </message>
    <message>
        <source>e.g. dust on the lens, scratch confirmed under the microscope</source>
        <translation>例如：镜头上有灰尘，显微镜下确认划痕</translation>
    </message>
    <message>
        <source>The score of %1 could not be recorded: %2</source>
        <translation>无法记录 %1 的分数：%2</translation>
    </message>
    <message>
        <source>New results cannot be read from %1 at the moment; trying again.</source>
        <translation>暂时无法从 %1 读取新结果；正在重试。</translation>
    </message>
</context>
<context>
    <name>dl::ui::SettingsDialog</name>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>结果数据库</translation>
    </message>
    <message>
        <source>DefectLens databases (*.sqlite *.db)</source>
        <translation>DefectLens 数据库 (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Backbone weights</source>
        <translation>骨干网络权重</translation>
    </message>
    <message>
        <source>Backbone weights (*.onnx *.pt)</source>
        <translation>骨干网络权重 (*.onnx *.pt)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>&amp;Datasets folder:</source>
        <translation>数据集文件夹(&amp;D)：</translation>
    </message>
    <message>
        <source>Where Open dataset starts</source>
        <translation>“打开数据集”的起始位置</translation>
    </message>
    <message>
        <source>&amp;Models folder:</source>
        <translation>模型文件夹(&amp;M)：</translation>
    </message>
    <message>
        <source>Where Open model starts</source>
        <translation>“打开模型”的起始位置</translation>
    </message>
    <message>
        <source>Results data&amp;base:</source>
        <translation>结果数据库(&amp;B)：</translation>
    </message>
    <message>
        <source>None: open one with File → Open results database</source>
        <translation>无：可通过“文件 → 打开结果数据库”打开</translation>
    </message>
    <message>
        <source>&amp;Backbone weights:</source>
        <translation>骨干网络权重(&amp;B)：</translation>
    </message>
    <message>
        <source>Default: the engine&apos;s search ($DEFECTLENS_WEIGHTS, models folders)</source>
        <translation>默认：由引擎搜索（$DEFECTLENS_WEIGHTS、模型文件夹）</translation>
    </message>
    <message>
        <source>Used when loading models; its SHA-256 is still checked against the model</source>
        <translation>加载模型时使用；仍会根据模型校验其 SHA-256</translation>
    </message>
    <message>
        <source>Compute &amp;threads:</source>
        <translation>计算线程(&amp;T)：</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>所有核心</translation>
    </message>
    <message>
        <source>Threads for the network and the nearest-neighbour search</source>
        <translation>用于神经网络和最近邻搜索的线程数</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>主题(&amp;H)：</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Language and theme change at once; the compute threads apply to the next engine job.</source>
        <translation>语言和主题会立即更改；计算线程设置将在下一个引擎任务时生效。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>您的姓名(&amp;N):</translation>
    </message>
    <message>
        <source>Default: the login name (%1)</source>
        <translation>默认：登录名（%1）</translation>
    </message>
    <message>
        <source>Recorded with your verdict overrides, annotations and model promotions</source>
        <translation>与您的判定更正、标注和模型采用一起记录</translation>
    </message>
    <message>
        <source>Largest &amp;image:</source>
        <translation>最大图像(&amp;I):</translation>
    </message>
    <message>
        <source>Default (100 MP)</source>
        <translation>默认（100 MP）</translation>
    </message>
    <message>
        <source>Images with more pixels are refused before decoding: a small compressed file can expand to gigabytes</source>
        <translation>像素更多的图像在解码前即被拒绝：一个很小的压缩文件可能展开为数 GB</translation>
    </message>
    <message>
        <source>An SQLite file, or postgresql://user@host/line1 for a database the line shares (password from DEFECTLENS_DB_PASSWORD or ~/.pgpass)</source>
        <translation>SQLite 文件，或产线共用数据库的地址 postgresql://user@host/line1（密码取自 DEFECTLENS_DB_PASSWORD 或 ~/.pgpass）</translation>
    </message>
    <message>
        <source>Leave the password out of the address: the settings are stored as plain text. Set DEFECTLENS_DB_PASSWORD or use ~/.pgpass.</source>
        <translation>请勿在地址中填写密码：设置以明文保存。请设置 DEFECTLENS_DB_PASSWORD 或使用 ~/.pgpass。</translation>
    </message>
</context>
<context>
    <name>dl::ui::SynthesisPreview</name>
    <message>
        <source>Generation cancelled.</source>
        <translation>生成已取消。</translation>
    </message>
    <message>
        <source>Anomaly synthesis preview</source>
        <translation>异常合成预览</translation>
    </message>
    <message>
        <source>SDAS model:</source>
        <translation>SDAS 模型：</translation>
    </message>
    <message>
        <source>Choose an SDAS model</source>
        <translation>选择 SDAS 模型</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>The model&apos;s first</source>
        <translation>模型的第一个类别</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>The anomaly strength s: 0 gives normal-looking parts, larger values stronger anomalies. Moving the slider regenerates with the same seed.</source>
        <translation>异常强度 s：0 生成外观正常的部件，数值越大异常越强。移动滑块会以相同的随机种子重新生成。</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose an SDAS model (train one in the Training dock) and press Generate.</source>
        <translation>请选择一个 SDAS 模型（可在“训练”面板中训练），然后点击“生成”。</translation>
    </message>
    <message>
        <source>Choose an SDAS model first: train one in the Training dock (method &quot;SDAS (anomaly synthesis model)&quot;) or pick a .dlm file with Browse…</source>
        <translation>请先选择一个 SDAS 模型：在“训练”面板中训练一个（方法“SDAS（异常合成模型）”），或通过“浏览…”选择一个 .dlm 文件。</translation>
    </message>
    <message>
        <source>The SDAS model %1 does not exist.</source>
        <translation>SDAS 模型 %1 不存在。</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>正在等待引擎…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) at strength %1, seed %2, %3×%3 pixels, generated in %4 s</source>
        <translation>
            <numerusform>%n 张图像，强度 %1，随机种子 %2，%3×%3 像素，用时 %4 秒生成</numerusform>
        </translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens 模型 (*.dlm)</translation>
    </message>
</context>
<context>
    <name>dl::ui::ThresholdDialog</name>
    <message>
        <source>Saved %1 with the threshold %2. It goes into use when you promote it in the model list.</source>
        <translation>已以阈值 %2 保存 %1。在模型列表中采用后即投入使用。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Threshold of %1</source>
        <translation>%1 的阈值</translation>
    </message>
    <message>
        <source>Choose the threshold by the share of good parts it may reject. Every normal training image is scored by a model trained without it (%1-fold cross-validation, as the model was trained), so the estimate rests on all of them, not on a few held-out images.</source>
        <translation>按允许误判的良品比例选择阈值。每张正常训练图像都由不含该图像训练的模型评分（%1 折交叉验证，训练方式与模型相同），因此估计基于全部图像，而非少数留出图像。</translation>
    </message>
    <message>
        <source>&amp;Target false-reject rate:</source>
        <translation>目标误判率(&amp;T):</translation>
    </message>
    <message>
        <source>Cross-validate &amp;again</source>
        <translation>重新交叉验证(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cross-validate</source>
        <translation>交叉验证(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save as new model</source>
        <translation>另存为新模型(&amp;S)</translation>
    </message>
    <message>
        <source>Writes a copy of the model with the chosen threshold; it goes into use when promoted</source>
        <translation>以所选阈值写入模型副本；采用后投入使用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Image score</source>
        <translation>图像分数</translation>
    </message>
    <message>
        <source>Share of images per bin</source>
        <translation>每个区间的图像比例</translation>
    </message>
    <message>
        <source>Cross-validation trains %1 models; it takes about %1 times as long as training this one.</source>
        <translation>交叉验证会训练 %1 个模型；耗时约为训练此模型的 %1 倍。</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>等待引擎…</translation>
    </message>
    <message numerus="yes">
        <source>%n good training image(s) cross-validated in %1 folds.</source>
        <translation>
            <numerusform>已在 %1 折中交叉验证 %n 张良品训练图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>expected false rejects %1 (95 %: %2 to %3; %4 of %5 good training images)</source>
        <translation>预计误判 %1（95 %：%2 至 %3；%5 张良品训练图像中的 %4 张）</translation>
    </message>
    <message>
        <source>on the test split: %1 of good parts rejected, %2 of defects caught</source>
        <translation>在测试集上：%1 的良品被误判，%2 的缺陷被检出</translation>
    </message>
    <message>
        <source>For the target: threshold %1, %2.</source>
        <translation>针对目标：阈值 %1，%2。</translation>
    </message>
    <message>
        <source>In use: threshold %1 (%2), %3.</source>
        <translation>使用中：阈值 %1（%2），%3。</translation>
    </message>
    <message>
        <source>The threshold in use is expected to reject %1 of good parts, more than the target (%2). Save the chosen threshold as a new model and promote it, or retrain.</source>
        <translation>当前阈值预计会误判 %1 的良品，超过目标（%2）。请将所选阈值另存为新模型并采用，或重新训练。</translation>
    </message>
    <message>
        <source>good, training (cross-validated)</source>
        <translation>良品，训练（交叉验证）</translation>
    </message>
    <message>
        <source>good, test split</source>
        <translation>良品，测试集</translation>
    </message>
    <message>
        <source>defective, test split</source>
        <translation>缺陷，测试集</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>所选</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>正在保存 %1…</translation>
    </message>
</context>
<context>
    <name>dl::ui::ThumbnailGrid</name>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>缺陷</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Score %1: %2</source>
        <translation>分数 %1：%2</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>已标注</translation>
    </message>
    <message>
        <source>No image of the dataset matches the filter.</source>
        <translation>没有与筛选条件匹配的数据集图像。</translation>
    </message>
    <message>
        <source>No dataset open. File → Open dataset folder… shows its images here.</source>
        <translation>未打开数据集。文件 → 打开数据集文件夹… 后，其图像显示在这里。</translation>
    </message>
</context>
<context>
    <name>dl::ui::TrainingPanel</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <source>Categories of the loaded datasets to train on</source>
        <translation>已加载数据集中要训练的类别</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>One unified model for all checked categories</source>
        <translation>为所有选中的类别训练一个统一模型</translation>
    </message>
    <message>
        <source>Use defects annotated in the database as labelled defects</source>
        <translation>将数据库中标注的缺陷用作带标签的缺陷</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Retrain with annotations</source>
        <translation>使用标注重新训练(&amp;R)</translation>
    </message>
    <message>
        <source>Warm-start DMAD from the active model with the defects annotated in the database; the active model stays in use until you promote the new one</source>
        <translation>以当前模型为起点，使用数据库中标注的缺陷对 DMAD 进行热启动训练；在您采用新模型之前，仍使用当前模型</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Active model: none</source>
        <translation>当前模型：无</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is unchanged.</source>
        <translation>训练已取消；原有模型保持不变。</translation>
    </message>
    <message>
        <source>Active model: %1 (%2)</source>
        <translation>当前模型：%1（%2）</translation>
    </message>
    <message>
        <source>Import a dataset and check at least one category before training.</source>
        <translation>训练前请先导入数据集并至少选中一个类别。</translation>
    </message>
    <message numerus="yes">
        <source>%n categories are checked: check one, or train one unified model.</source>
        <translation>
            <numerusform>已选中 %n 个类别：请只选中一个，或训练一个统一模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import the dataset the annotations belong to before retraining.</source>
        <translation>重新训练前，请先导入标注所属的数据集。</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>正在等待引擎…</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>剩余约 %1</translation>
    </message>
    <message>
        <source>Saved %1 (%2 s)</source>
        <translation>已保存 %1（%2 秒）</translation>
    </message>
    <message>
        <source>SDAS training cancelled; its checkpoint is kept, and Start with the same categories resumes from it.</source>
        <translation>SDAS 训练已取消；其检查点已保留，使用相同类别再次开始训练时将从该检查点继续。</translation>
    </message>
    <message>
        <source>SDAS (anomaly synthesis model)</source>
        <translation>SDAS（异常合成模型）</translation>
    </message>
    <message>
        <source>Synthesis:</source>
        <translation>合成方式：</translation>
    </message>
    <message>
        <source>DTD textures</source>
        <translation>DTD 纹理</translation>
    </message>
    <message>
        <source>SDAS model</source>
        <translation>SDAS 模型</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>两者</translation>
    </message>
    <message>
        <source>How RealNet makes the anomalies it learns from: pasted DTD textures, images generated by an SDAS model, or both</source>
        <translation>RealNet 生成用于学习的异常的方式：粘贴 DTD 纹理、由 SDAS 模型生成的图像，或两者兼用</translation>
    </message>
    <message>
        <source>SDAS model:</source>
        <translation>SDAS 模型：</translation>
    </message>
    <message>
        <source>No SDAS model yet</source>
        <translation>尚无 SDAS 模型</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose an SDAS model file (.dlm)</source>
        <translation>选择 SDAS 模型文件（.dlm）</translation>
    </message>
    <message>
        <source>Trains the diffusion model RealNet&apos;s SDAS synthesis samples anomalies from, on the normal training images; it does not score images. Cancel keeps a checkpoint that the next Start resumes.</source>
        <translation>在正常训练图像上训练扩散模型，RealNet 的 SDAS 合成从中采样异常；该模型不对图像评分。取消时会保留检查点，下次开始时从其继续。</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Choose an SDAS model</source>
        <translation>选择 SDAS 模型</translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens 模型 (*.dlm)</translation>
    </message>
    <message>
        <source>Start resumes the interrupted SDAS training from its checkpoint %1 (with other parameters it starts afresh).</source>
        <translation>开始训练将从检查点 %1 继续被中断的 SDAS 训练（参数不同时将重新开始）。</translation>
    </message>
    <message>
        <source>The SDAS parameters are not valid: %1</source>
        <translation>SDAS 参数无效：%1</translation>
    </message>
    <message>
        <source>RealNet&apos;s SDAS synthesis needs an SDAS model: train one with the method &quot;SDAS (anomaly synthesis model)&quot;, or choose a .dlm file with Browse…</source>
        <translation>RealNet 的 SDAS 合成需要一个 SDAS 模型：请使用方法“SDAS（异常合成模型）”训练一个，或通过“浏览…”选择一个 .dlm 文件。</translation>
    </message>
    <message>
        <source>The SDAS model %1 does not exist.</source>
        <translation>SDAS 模型 %1 不存在。</translation>
    </message>
    <message>
        <source>Resumed from iteration %1 — %2</source>
        <translation>已从第 %1 次迭代继续 — %2</translation>
    </message>
    <message numerus="yes">
        <source>Saved SDAS model %1 (%n iteration(s), %2 s)</source>
        <translation>
            <numerusform>已保存 SDAS 模型 %1（%n 次迭代，%2 秒）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved SDAS model %1 (%n iteration(s), %2 s; resumed from iteration %3)</source>
        <translation>
            <numerusform>已保存 SDAS 模型 %1（%n 次迭代，%2 秒；从第 %3 次迭代继续）</numerusform>
        </translation>
    </message>
    <message>
        <source>SDAS learns from normal images only; labelled defects are not used.</source>
        <translation>SDAS 仅从正常图像学习；不使用已标注的缺陷。</translation>
    </message>
    <message>
        <source>The active model %1 was trained with %2, which does not learn from annotated defects. Train a new DMAD model with the annotations instead? The active model stays in use until you promote the new one.</source>
        <translation>当前模型 %1 使用 %2 训练，无法从标注的缺陷中学习。改为用这些标注训练一个新的 DMAD 模型吗？在您采用新模型之前，当前模型继续使用。</translation>
    </message>
    <message>
        <source>Retrain with annotations</source>
        <translation>用标注重新训练</translation>
    </message>
    <message>
        <source>No training curve: %1 builds its model in one pass, without epochs.</source>
        <translation>无训练曲线：%1 一次性构建模型，没有训练轮次。</translation>
    </message>
    <message>
        <source>Image size (px):</source>
        <translation>图像尺寸（像素）:</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>训练轮数:</translation>
    </message>
    <message>
        <source>Memory bank share:</source>
        <translation>记忆库比例:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>批大小:</translation>
    </message>
    <message>
        <source>Time budget per category (min):</source>
        <translation>每个类别的时间预算（分钟）:</translation>
    </message>
    <message>
        <source>Resolution (px):</source>
        <translation>分辨率（像素）:</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation>参数 %1</translation>
    </message>
    <message>
        <source>One model for all categories</source>
        <translation>所有类别共用一个模型</translation>
    </message>
    <message>
        <source>Use annotated defects</source>
        <translation>使用已标注的缺陷</translation>
    </message>
    <message>
        <source>Tiles (px, 0: whole image):</source>
        <translation>分块（像素，0：整幅图像）：</translation>
    </message>
    <message>
        <source>Tile overlap (px):</source>
        <translation>分块重叠（像素）：</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is unchanged. The completed epochs are kept, and Start with the same method, categories and parameters resumes after them.</source>
        <translation>训练已取消；之前的模型未改变。已完成的轮次已保留，以相同的方法、类别和参数点击开始将从其后继续。</translation>
    </message>
    <message>
        <source>Start resumes the interrupted training from its checkpoint %1, saved after its last complete epoch (with other parameters or images it starts afresh).</source>
        <translation>点击开始将从检查点 %1（保存于最后一个完整轮次之后）继续被中断的训练（参数或图像不同时将重新开始）。</translation>
    </message>
    <message>
        <source>Resumed after epoch %1 — %2</source>
        <translation>从第 %1 轮之后继续 — %2</translation>
    </message>
    <message>
        <source>%1 learns from labelled defects. %2</source>
        <translation>%1 会从已标注的缺陷中学习。%2</translation>
    </message>
    <message>
        <source>%1 does not learn from labelled defects: they only set its decision threshold. Methods that learn from them: %2.</source>
        <translation>%1 不会从已标注的缺陷中学习：它们只用于设定判定阈值。会从中学习的方法：%2。</translation>
    </message>
    <message>
        <source>Retraining needs an active model: activate one in the model list first.</source>
        <translation>重新训练需要一个当前模型：请先在模型列表中将其设为当前模型。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>DefectLens: visual anomaly detection for industrial inspection</source>
        <translation>DefectLens：面向工业检测的视觉异常检测</translation>
    </message>
    <message>
        <source>Import the dataset folder &lt;dir&gt; at start.</source>
        <translation>启动时导入数据集文件夹 &lt;目录&gt;。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Load the model bundle &lt;model&gt; at start.</source>
        <translation>启动时加载模型包 &lt;模型&gt;。</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Score the image &lt;file&gt; at start.</source>
        <translation>启动时为图像 &lt;文件&gt; 评分。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Once the dataset is imported, start training a &lt;method&gt; model on it.</source>
        <translation>数据集导入后，在其上开始训练一个 &lt;方法&gt; 模型。</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Once the dataset is imported, compare two models &lt;before.dlm,after.dlm&gt; on it (annotated images excluded from the test split), offering to promote the second.</source>
        <translation>数据集导入后，在其上比较两个模型 &lt;before.dlm,after.dlm&gt;（测试划分中不含已标注的图像），并提供采用第二个模型的选项。</translation>
    </message>
    <message>
        <source>models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>A training parameter &lt;key=value&gt; for --train (repeatable).</source>
        <translation>用于 --train 的训练参数 &lt;key=value&gt;（可重复指定）。</translation>
    </message>
    <message>
        <source>key=value</source>
        <translation>key=value</translation>
    </message>
    <message>
        <source>Open the annotation editor at start, on the image given with --image.</source>
        <translation>启动时打开标注编辑器，编辑由 --image 指定的图像。</translation>
    </message>
    <message>
        <source>Show the import dialog with a preview of the folder &lt;dir&gt; at start.</source>
        <translation>启动时显示导入对话框，并预览文件夹 &lt;目录&gt;。</translation>
    </message>
    <message>
        <source>Once the dataset is imported, open Models &gt; Threshold for &lt;model.dlm&gt; and start its cross-validation.</source>
        <translation>导入数据集后，为 &lt;model.dlm&gt; 打开“模型 &gt; 阈值”并开始交叉验证。</translation>
    </message>
    <message>
        <source>Write the report of run &lt;run&gt; of the --db database to &lt;file.html&gt; (with .csv and .pdf beside it) at start.</source>
        <translation>启动时将 --db 数据库中运行 &lt;run&gt; 的报告写入 &lt;file.html&gt;（旁边附 .csv 和 .pdf）。</translation>
    </message>
    <message>
        <source>run:file.html</source>
        <translation>运行:文件.html</translation>
    </message>
    <message>
        <source>--report needs &lt;run&gt;:&lt;file.html&gt;, e.g. 3:report.html</source>
        <translation>--report 需要 &lt;run&gt;:&lt;file.html&gt;，例如 3:report.html</translation>
    </message>
    <message>
        <source>Start Line mode at start, watching the folder &lt;dir&gt;: with --model, with that model; else with the database&apos;s active model, following its promotions.</source>
        <translation>启动时进入产线模式并监视文件夹 &lt;dir&gt;：指定 --model 时使用该模型，否则使用数据库中当前生效的模型并跟随其启用。</translation>
    </message>
    <message>
        <source>Open the results database &lt;database&gt; at start: an SQLite file, or postgresql://user@host/line1 for a database the line shares.</source>
        <translation>启动时打开结果数据库 &lt;数据库&gt;：SQLite 文件，或产线共用数据库的地址 postgresql://user@host/line1。</translation>
    </message>
    <message>
        <source>database</source>
        <translation>数据库</translation>
    </message>
</context>
</TS>
