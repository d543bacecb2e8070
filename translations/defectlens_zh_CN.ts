<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Open dataset folder</source>
        <translation>打开数据集文件夹</translation>
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
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
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
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Model verdict</source>
        <translation>模型判定</translation>
    </message>
    <message>
        <source>Operator verdict</source>
        <translation>操作员判定</translation>
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
        <source>Model verdict</source>
        <translation>模型判定</translation>
    </message>
    <message>
        <source>Operator verdict</source>
        <translation>操作员判定</translation>
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
        <source>Reason for the override:</source>
        <translation>更正原因：</translation>
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
        <source>Open the results database &lt;file&gt; at start.</source>
        <translation>启动时打开结果数据库 &lt;file&gt;。</translation>
    </message>
</context>
</TS>
