<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>dl::ui::DatasetTree</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
</context>
<context>
    <name>dl::ui::EngineBridge</name>
    <message>
        <source>Importing dataset %1</source>
        <translation>データセット %1 をインポートしています</translation>
    </message>
    <message>
        <source>Dataset import</source>
        <translation>データセットのインポート</translation>
    </message>
    <message>
        <source>Loading model %1</source>
        <translation>モデル %1 を読み込んでいます</translation>
    </message>
    <message>
        <source>Model loading</source>
        <translation>モデルの読み込み</translation>
    </message>
    <message>
        <source>Decoding %1</source>
        <translation>%1 をデコードしています</translation>
    </message>
    <message>
        <source>Scoring %1</source>
        <translation>%1 をスコアリングしています</translation>
    </message>
    <message>
        <source>Rendering heatmap</source>
        <translation>ヒートマップを描画しています</translation>
    </message>
    <message>
        <source>Image scoring</source>
        <translation>画像のスコアリング</translation>
    </message>
    <message>
        <source>Unexpected engine error: %1</source>
        <translation>エンジンで予期しないエラーが発生しました: %1</translation>
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
        <translation>DefectLens %1 の準備ができました。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;dataset folder…</source>
        <translation>データセットフォルダーを開く(&amp;D)…</translation>
    </message>
    <message>
        <source>Import a dataset folder (MVTec AD, VisA, image/mask folders or plain images)</source>
        <translation>データセットフォルダーをインポートします（MVTec AD、VisA、画像/マスクフォルダー、または通常の画像フォルダー）</translation>
    </message>
    <message>
        <source>Open &amp;model…</source>
        <translation>モデルを開く(&amp;M)…</translation>
    </message>
    <message>
        <source>Load a trained DefectLens model bundle (.dlm)</source>
        <translation>学習済みの DefectLens モデルバンドル（.dlm）を読み込みます</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>画像を開く(&amp;I)…</translation>
    </message>
    <message>
        <source>Score an image file with the loaded model</source>
        <translation>読み込んだモデルで画像ファイルをスコアリングします</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>拡大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>ウィンドウに合わせる(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About DefectLens</source>
        <translation>DefectLens について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>データセット</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>モデルが読み込まれていません</translation>
    </message>
    <message>
        <source>Opening dataset %1</source>
        <translation>データセット %1 を開いています</translation>
    </message>
    <message>
        <source>Opening model %1</source>
        <translation>モデル %1 を開いています</translation>
    </message>
    <message>
        <source>Open dataset folder</source>
        <translation>データセットフォルダーを開く</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens モデル (*.dlm)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>About DefectLens</source>
        <translation>DefectLens について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DefectLens %1&lt;/h3&gt;&lt;p&gt;A workstation for visual anomaly detection in industrial inspection: train detectors on images of good parts, then find and localise defects.&lt;/p&gt;&lt;p&gt;Built with Qt %2, LibTorch and OpenCV.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DefectLens %1&lt;/h3&gt;&lt;p&gt;工業検査のための外観異常検知ワークステーションです。良品の画像で検出器を学習し、欠陥を見つけて位置を特定します。&lt;/p&gt;&lt;p&gt;Qt %2、LibTorch、OpenCV で構築されています。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1 — DefectLens</source>
        <translation>%1 — DefectLens</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1 (format: %2, categories: %3): %n image(s)</source>
        <translation>
            <numerusform>%1 をインポートしました（形式: %2、カテゴリ数: %3）: 画像 %n 枚</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) skipped during import</source>
        <translation>
            <numerusform>インポート時に %n 個のファイルをスキップしました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dataset imported: %n image(s)</source>
        <translation>
            <numerusform>データセットをインポートしました: 画像 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Model: %1 (%2), threshold %3</source>
        <translation>モデル: %1（%2）、しきい値 %3</translation>
    </message>
    <message>
        <source>Loaded model %1: method %2, categories %3, threshold %4 (%5)</source>
        <translation>モデル %1 を読み込みました: 手法 %2、カテゴリ %3、しきい値 %4（%5）</translation>
    </message>
    <message>
        <source>%1: score %2, %3</source>
        <translation>%1: スコア %2、%3</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>不良品</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>良品</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1に失敗しました</translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation>%1をキャンセルしました</translation>
    </message>
    <message>
        <source>debug: </source>
        <translation>デバッグ: </translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>警告: </translation>
    </message>
    <message>
        <source>error: </source>
        <translation>エラー: </translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>画像 (%1)</translation>
    </message>
    <message>
        <source>Open results &amp;database…</source>
        <translation>結果データベースを開く(&amp;D)…</translation>
    </message>
    <message>
        <source>Review the results recorded by defectlens-cli test/predict --db</source>
        <translation>defectlens-cli test/predict --db で記録された結果を確認します</translation>
    </message>
    <message>
        <source>&amp;Export report…</source>
        <translation>レポートをエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the selected run&apos;s report as HTML, CSV and PDF</source>
        <translation>選択した実行のレポートを HTML、CSV、PDF で書き出します</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>結果データベース</translation>
    </message>
    <message>
        <source>Open results database</source>
        <translation>結果データベースを開く</translation>
    </message>
    <message>
        <source>Opened results database %1</source>
        <translation>結果データベース %1 を開きました</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>レポートをエクスポート</translation>
    </message>
    <message>
        <source>Report of run %1 written to %2.html, .csv and .pdf</source>
        <translation>実行 %1 のレポートを %2.html、.csv、.pdf に書き出しました</translation>
    </message>
    <message>
        <source>Report written: %1.html</source>
        <translation>レポートを書き出しました: %1.html</translation>
    </message>
    <message>
        <source>DefectLens databases (*.sqlite *.db)</source>
        <translation>DefectLens データベース (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Choose a run in the results table first.</source>
        <translation>先に結果テーブルで実行を選択してください。</translation>
    </message>
    <message>
        <source>HTML report, with CSV and PDF beside it (*.html)</source>
        <translation>HTML レポート（同じ場所に CSV と PDF も作成） (*.html)</translation>
    </message>
</context>
<context>
    <name>dl::ui::ReportExporter</name>
    <message>
        <source>Run %1 does not exist in %2</source>
        <translation>%2 に実行 %1 は存在しません</translation>
    </message>
    <message>
        <source>DefectLens inspection report — run #%1</source>
        <translation>DefectLens 検査レポート — 実行 #%1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>#%1 %2, %3</source>
        <translation>#%1 %2、%3</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Model verdict OK</source>
        <translation>モデル判定 良品</translation>
    </message>
    <message>
        <source>Model verdict defect</source>
        <translation>モデル判定 不良品</translation>
    </message>
    <message>
        <source>Operator overrides</source>
        <translation>オペレーターによる修正</translation>
    </message>
    <message>
        <source>Final OK</source>
        <translation>最終 良品</translation>
    </message>
    <message>
        <source>Final defect</source>
        <translation>最終 不良品</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>手法</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>バンドル</translation>
    </message>
    <message>
        <source>Bundle checksum (SHA-256)</source>
        <translation>バンドルのチェックサム (SHA-256)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>The run&apos;s model is not recorded in the database.</source>
        <translation>この実行のモデルはデータベースに記録されていません。</translation>
    </message>
    <message>
        <source>Model bundle %1 (not recorded in the database).</source>
        <translation>モデルバンドル %1（データベースに未記録）。</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Model verdict</source>
        <translation>モデル判定</translation>
    </message>
    <message>
        <source>Operator verdict</source>
        <translation>オペレーター判定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
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
        <translation>異常</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Anomaly heatmap</source>
        <translation>異常ヒートマップ</translation>
    </message>
    <message>
        <source>Select an image to see its anomaly heatmap.</source>
        <translation>画像を選択すると、その異常ヒートマップが表示されます。</translation>
    </message>
    <message>
        <source>Open a model (File → Open model…) to see anomaly heatmaps.</source>
        <translation>異常ヒートマップを表示するには、モデルを開いてください（ファイル → モデルを開く…）。</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>画像なし</translation>
    </message>
    <message>
        <source>Open an image, or select one in the dataset tree.</source>
        <translation>画像を開くか、データセットツリーで画像を選択してください。</translation>
    </message>
    <message>
        <source>Score %1 (threshold %2)</source>
        <translation>スコア %1（しきい値 %2）</translation>
    </message>
    <message>
        <source>Network time: %1 ms</source>
        <translation>ネットワーク処理時間: %1 ms</translation>
    </message>
    <message>
        <source>Not scored: no model loaded</source>
        <translation>未スコアリング: モデルが読み込まれていません</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>不良品</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>良品</translation>
    </message>
</context>
<context>
    <name>dl::ui::ResultsModel</name>
    <message>
        <source>Defect</source>
        <translation>不良品</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>良品</translation>
    </message>
    <message>
        <source>Overridden at %1</source>
        <translation>%1 に修正</translation>
    </message>
    <message>
        <source>Scored at %1</source>
        <translation>%1 にスコアリング</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>カテゴリ</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Model verdict</source>
        <translation>モデル判定</translation>
    </message>
    <message>
        <source>Operator verdict</source>
        <translation>オペレーター判定</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>日時</translation>
    </message>
</context>
<context>
    <name>dl::ui::ResultsTable</name>
    <message>
        <source>All verdicts</source>
        <translation>すべての判定</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>良品</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>不良品</translation>
    </message>
    <message>
        <source>The operator&apos;s verdict where overridden, else the model&apos;s</source>
        <translation>修正済みならオペレーターの判定、それ以外はモデルの判定</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>実行:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>カテゴリ:</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>判定:</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>スコア:</translation>
    </message>
    <message>
        <source>&amp;Accept (OK)</source>
        <translation>受け入れ（良品）(&amp;A)</translation>
    </message>
    <message>
        <source>Mark the selected image as OK (A)</source>
        <translation>選択した画像を良品にします (A)</translation>
    </message>
    <message>
        <source>&amp;Reject (defect)</source>
        <translation>却下（不良品）(&amp;R)</translation>
    </message>
    <message>
        <source>Mark the selected image as defective (R)</source>
        <translation>選択した画像を不良品にします (R)</translation>
    </message>
    <message>
        <source>All runs</source>
        <translation>すべての実行</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未開始</translation>
    </message>
    <message>
        <source>#%1 %2, %3 (%4)</source>
        <translation>#%1 %2、%3（%4）</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>すべてのカテゴリ</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n result(s)</source>
        <translation>
            <numerusform>%1 / %n 件の結果</numerusform>
        </translation>
    </message>
    <message>
        <source>(first %1 loaded)</source>
        <translation>（最初の %1 件を読み込み）</translation>
    </message>
    <message>
        <source>%1 marked %2</source>
        <translation>%1 を %2 にしました</translation>
    </message>
    <message>
        <source>Accept as OK</source>
        <translation>良品として受け入れ</translation>
    </message>
    <message>
        <source>Reject as defect</source>
        <translation>不良品として却下</translation>
    </message>
    <message>
        <source>Reason for the override:</source>
        <translation>修正の理由:</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>DefectLens: visual anomaly detection for industrial inspection</source>
        <translation>DefectLens: 工業検査のための外観異常検知</translation>
    </message>
    <message>
        <source>Import the dataset folder &lt;dir&gt; at start.</source>
        <translation>起動時にデータセットフォルダー &lt;フォルダー&gt; をインポートします。</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>Load the model bundle &lt;model&gt; at start.</source>
        <translation>起動時にモデルバンドル &lt;モデル&gt; を読み込みます。</translation>
    </message>
    <message>
        <source>model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Score the image &lt;file&gt; at start.</source>
        <translation>起動時に画像 &lt;ファイル&gt; をスコアリングします。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Open the results database &lt;file&gt; at start.</source>
        <translation>起動時に結果データベース &lt;file&gt; を開きます。</translation>
    </message>
</context>
</TS>
