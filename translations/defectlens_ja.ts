<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name></name>
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
        <translation>カテゴリー</translation>
    </message>
    <message>
        <source>Defect type</source>
        <translation>欠陥の種類</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Model verdict</source>
        <translation>モデルの判定</translation>
    </message>
    <message>
        <source>Operator review</source>
        <translation>オペレーターの確認</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>時刻 (UTC)</translation>
    </message>
    <message>
        <source>verdict %1</source>
        <translation>判定 %1</translation>
    </message>
    <message>
        <source>category %1</source>
        <translation>カテゴリー %1</translation>
    </message>
    <message>
        <source>score %1 to %2</source>
        <translation>スコア %1 から %2</translation>
    </message>
    <message>
        <source>the results table&apos;s filter</source>
        <translation>結果テーブルのフィルター</translation>
    </message>
</context>
<context>
    <name>AnnotationStorage</name>
    <message>
        <source>annotation %1 in %2 is not a readable PNG mask (%3); it is kept in the database unchanged</source>
        <translation>%2 のアノテーション %1 は読み取り可能な PNG マスクではありません（%3）。データベースにはそのまま保持されます</translation>
    </message>
    <message>
        <source>annotation %1 in %2 is a %3 mask but the image is %4 pixels; it is kept in the database unchanged</source>
        <translation>%2 のアノテーション %1 は %3 のマスクですが、画像は %4 ピクセルです。データベースにはそのまま保持されます</translation>
    </message>
    <message>
        <source>there is no mask to save</source>
        <translation>保存するマスクがありません</translation>
    </message>
    <message>
        <source>the mask is %1 but the image is %2 pixels; nothing was saved</source>
        <translation>マスクは %1 ですが、画像は %2 ピクセルです。何も保存されませんでした</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>MobileNetV2 fast path unavailable for taps %1 (%2); running op by op</source>
        <translation>タップ %1 では MobileNetV2 の高速パスを使えません (%2)。演算ごとに実行します</translation>
    </message>
    <message>
        <source>%1: no training checkpoint at %2; training from the start</source>
        <translation>%1: %2 に学習チェックポイントがありません。最初から学習します</translation>
    </message>
    <message>
        <source>%1: the checkpoint %2 belongs to another fit (method, parameters, backbone or training images differ); training from the start</source>
        <translation>%1: チェックポイント %2 は別の学習のものです (手法、パラメータ、バックボーン、または学習画像が異なります)。最初から学習します</translation>
    </message>
    <message>
        <source>%1: resuming after epoch %2 from %3</source>
        <translation>%1: %3 からエポック %2 の後を再開します</translation>
    </message>
    <message>
        <source>feature cache disabled: %1</source>
        <translation>特徴キャッシュを無効にしました: %1</translation>
    </message>
    <message>
        <source>feature cache write skipped: %1</source>
        <translation>特徴キャッシュへの書き込みを省略しました: %1</translation>
    </message>
    <message>
        <source>category &apos;%1&apos; has fewer than 10 normal training images: the threshold is calibrated on training images and will be optimistic</source>
        <translation>カテゴリ &apos;%1&apos; の正常な学習画像は 10 枚未満です。しきい値は学習画像で調整されるため楽観的になります</translation>
    </message>
    <message>
        <source>left out of the labelling queue: %1</source>
        <translation>ラベル付けキューから除外しました: %1</translation>
    </message>
    <message>
        <source>tiling: %1 normal images -&gt; %2 tiles of %3 px (overlap %4), %5 labelled defect tiles</source>
        <translation>タイル分割: 正常画像 %1 枚 -&gt; %3 px のタイル %2 枚 (重なり %4)、ラベル付き欠陥タイル %5 枚</translation>
    </message>
    <message>
        <source>%1: could not list the watch folder completely: %2</source>
        <translation>%1: 監視フォルダーを完全には一覧できませんでした: %2</translation>
    </message>
    <message>
        <source>%1: the watched folder was deleted or moved away</source>
        <translation>%1: 監視中のフォルダーが削除または移動されました</translation>
    </message>
    <message>
        <source>%1: watching the folder failed: %2</source>
        <translation>%1: フォルダーの監視に失敗しました: %2</translation>
    </message>
    <message>
        <source>cse: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>cse: 検証用の分割がありません (正常画像が 5 枚未満、または validation_fraction が 0)。最後のエポックを採用します</translation>
    </message>
    <message>
        <source>cse: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); texture-paste defects fall back to structural ones</source>
        <translation>cse: 外れ値テクスチャが見つかりません (texture_dir または DEFECTLENS_TEXTURES_DIR を設定してください)。テクスチャ貼り付けの欠陥は構造的な欠陥で代用します</translation>
    </message>
    <message>
        <source>cse: the time budget allows about %1 of %2 epochs; the learning-rate schedule is fitted to them</source>
        <translation>cse: 時間予算で実行できるのは %2 エポック中およそ %1 です。学習率スケジュールをそれに合わせます</translation>
    </message>
    <message>
        <source>cse epoch %1: loss %2 (contrastive %3, decoder %4), %6 s (synthesis + backbone %5 s)</source>
        <translation>cse エポック %1: 損失 %2 (対照 %3、デコーダー %4)、%6 秒 (合成 + バックボーン %5 秒)</translation>
    </message>
    <message>
        <source>cse epoch %1: loss %2 (contrastive %3, decoder %4), validation %5 (contrastive %6, decoder %7), %9 s (synthesis + backbone %8 s)</source>
        <translation>cse エポック %1: 損失 %2 (対照 %3、デコーダー %4)、検証 %5 (対照 %6、デコーダー %7)、%9 秒 (合成 + バックボーン %8 秒)</translation>
    </message>
    <message>
        <source>dmad: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); synthetic defects use structural and blur kinds only and the texture bank is empty</source>
        <translation>dmad: 外れ値テクスチャが見つかりません (texture_dir または DEFECTLENS_TEXTURES_DIR を設定してください)。合成欠陥は構造とぼかしの種類だけを使い、テクスチャバンクは空になります</translation>
    </message>
    <message>
        <source>dmad: normal bank %1 (reused), abnormal bank %2 (labelled %3, synthetic %4, centre samples %5, textures %6); best epoch %7 (validation %8); %9 s</source>
        <translation>dmad: 正常バンク %1 (再利用)、異常バンク %2 (ラベル付き %3、合成 %4、中心サンプル %5、テクスチャ %6)。最良エポック %7 (検証 %8)。%9 秒</translation>
    </message>
    <message>
        <source>dmad: normal bank %1, abnormal bank %2 (labelled %3, synthetic %4, centre samples %5, textures %6); best epoch %7 (validation %8); %9 s</source>
        <translation>dmad: 正常バンク %1、異常バンク %2 (ラベル付き %3、合成 %4、中心サンプル %5、テクスチャ %6)。最良エポック %7 (検証 %8)。%9 秒</translation>
    </message>
    <message>
        <source>dskd epoch %1: loss %2, %3 s</source>
        <translation>dskd エポック %1: 損失 %2、%3 秒</translation>
    </message>
    <message>
        <source>dskd epoch %1: loss %2, validation E %3 D %4 (D cosine %5), %6 s</source>
        <translation>dskd エポック %1: 損失 %2、検証 E %3 D %4 (D コサイン %5)、%6 秒</translation>
    </message>
    <message>
        <source>dskd: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>dskd: 検証用の分割がありません (正常画像が 5 枚未満、または validation_fraction が 0)。最後のエポックを採用します</translation>
    </message>
    <message>
        <source>dskd: no validation images to weigh the scales by; they are summed equally</source>
        <translation>dskd: スケールを重み付けする検証画像がありません。均等に合計します</translation>
    </message>
    <message>
        <source>dskd: position explains %1 of the normal images&apos; feature variance: scale weights %2, embedding stride factor %3, map distance %4</source>
        <translation>dskd: 正常画像の特徴分散のうち位置で説明される割合 %1: スケールの重み %2、埋め込みのストライド係数 %3、マップの距離 %4</translation>
    </message>
    <message>
        <source>dskd: %1 training + %2 validation images, %3 student parameters, teacher cached in %4 s</source>
        <translation>dskd: 学習画像 %1 枚 + 検証画像 %2 枚、生徒パラメータ %3 個、教師を %4 秒でキャッシュ</translation>
    </message>
    <message>
        <source>patchcore: %1 patches -&gt; memory bank of %2 x %3 (features %4 s, coreset %5 s, index %6 s)</source>
        <translation>patchcore: パッチ %1 個 -&gt; メモリバンク %2 x %3 (特徴 %4 秒、コアセット %5 秒、インデックス %6 秒)</translation>
    </message>
    <message>
        <source>realnet: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); texture defects fall back to structural ones</source>
        <translation>realnet: 外れ値テクスチャが見つかりません (texture_dir または DEFECTLENS_TEXTURES_DIR を設定してください)。テクスチャ欠陥は構造的な欠陥で代用します</translation>
    </message>
    <message>
        <source>realnet: SDAS model %1 was trained on &apos;%2&apos;; using it for &apos;%3&apos;</source>
        <translation>realnet: SDAS モデル %1 は &apos;%2&apos; で学習されました。&apos;%3&apos; に使用します</translation>
    </message>
    <message>
        <source>realnet: %1 SDAS images per category from %2 in %3 s</source>
        <translation>realnet: %2 からカテゴリごとに SDAS 画像 %1 枚 (%3 秒)</translation>
    </message>
    <message>
        <source>realnet: AFS kept %1 channels, ranked on %2 synthetic anomalies</source>
        <translation>realnet: AFS は %1 チャネルを残しました (合成異常 %2 個で順位付け)</translation>
    </message>
    <message>
        <source>realnet epoch %1: loss %2 (segmentation %3, reconstruction %4), %6 s (synthesis + backbone %5 s)</source>
        <translation>realnet エポック %1: 損失 %2 (セグメンテーション %3、再構成 %4)、%6 秒 (合成 + バックボーン %5 秒)</translation>
    </message>
    <message>
        <source>realnet epoch %1: loss %2 (segmentation %3, reconstruction %4), validation %5 (segmentation %6), %8 s (synthesis + backbone %7 s)</source>
        <translation>realnet エポック %1: 損失 %2 (セグメンテーション %3、再構成 %4)、検証 %5 (セグメンテーション %6)、%8 秒 (合成 + バックボーン %7 秒)</translation>
    </message>
    <message>
        <source>realnet: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>realnet: 検証用の分割がありません (正常画像が 5 枚未満、または validation_fraction が 0)。最後のエポックを採用します</translation>
    </message>
    <message>
        <source>realnet: %1 training + %2 validation images, %3 parameters, prepared in %4 s (AFS %5 s)</source>
        <translation>realnet: 学習画像 %1 枚 + 検証画像 %2 枚、パラメータ %3 個、準備 %4 秒 (AFS %5 秒)</translation>
    </message>
    <message>
        <source>sdas: ignoring an unreadable checkpoint (%1); training starts afresh</source>
        <translation>sdas: 読めないチェックポイントを無視します (%1)。学習を最初から始めます</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: %2; training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas: チェックポイント %1 を無視します: %2。学習を最初から始め、次のチェックポイントで置き換えます</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: it was written for other training parameters or other training images; training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas: チェックポイント %1 を無視します: 別の学習パラメータまたは別の学習画像用に書かれたものです。学習を最初から始め、次のチェックポイントで置き換えます</translation>
    </message>
    <message>
        <source>sdas: ignoring the checkpoint %1: it holds another network layout (&apos;%2&apos; differs); training starts afresh and the next checkpoint replaces it</source>
        <translation>sdas: チェックポイント %1 を無視します: ネットワーク構成が異なります (&apos;%2&apos; が違います)。学習を最初から始め、次のチェックポイントで置き換えます</translation>
    </message>
    <message>
        <source>sdas: resuming from iteration %1 (checkpoint %2, %3 min trained before)</source>
        <translation>sdas: 反復 %1 から再開します (チェックポイント %2、これまでの学習 %3 分)</translation>
    </message>
    <message>
        <source>sdas: %1 images (categories: %2) at %3x%3, %4 parameters, loaded in %5 s</source>
        <translation>sdas: 画像 %1 枚 (カテゴリ数: %2)、%3x%3、パラメータ %4 個、読み込み %5 秒</translation>
    </message>
    <message>
        <source>sdas iteration %1: loss %2 (%3 it/s)</source>
        <translation>sdas 反復 %1: 損失 %2 (%3 it/s)</translation>
    </message>
    <message>
        <source>sdas: cancelled at iteration %1; the checkpoint %2 holds it, and the same fit resumes from there</source>
        <translation>sdas: 反復 %1 で中止しました。チェックポイント %2 に保存されており、同じ学習はそこから再開します</translation>
    </message>
    <message>
        <source>sdas: could not remove the checkpoint %1: %2</source>
        <translation>sdas: チェックポイント %1 を削除できませんでした: %2</translation>
    </message>
    <message>
        <source>stlm: the validation pseudo-anomalies cover no whole feature cell; the map is not chosen on them</source>
        <translation>stlm: 検証用の疑似異常が特徴セルを一つも完全には覆っていません。マップはそれらでは選びません</translation>
    </message>
    <message>
        <source>stlm epoch %1: loss %2 (plain %3, denoising %4, focal %5, L1 %6), %7 s</source>
        <translation>stlm エポック %1: 損失 %2 (通常 %3、ノイズ除去 %4、focal %5、L1 %6)、%7 秒</translation>
    </message>
    <message>
        <source>stlm epoch %1: loss %2 (plain %3, denoising %4, focal %5, L1 %6), validation %7 (denoising %8, focal %9, L1 %10), %11 s</source>
        <translation>stlm エポック %1: 損失 %2 (通常 %3、ノイズ除去 %4、focal %5、L1 %6)、検証 %7 (ノイズ除去 %8、focal %9、L1 %10)、%11 秒</translation>
    </message>
    <message>
        <source>stlm: no validation split (fewer than 5 normal images or validation_fraction 0); the last epoch is kept</source>
        <translation>stlm: 検証用の分割がありません (正常画像が 5 枚未満、または validation_fraction が 0)。最後のエポックを採用します</translation>
    </message>
    <message>
        <source>stlm: no outlier textures found (set texture_dir or DEFECTLENS_TEXTURES_DIR); pseudo-anomalies fall back to structural ones</source>
        <translation>stlm: 外れ値テクスチャが見つかりません (texture_dir または DEFECTLENS_TEXTURES_DIR を設定してください)。疑似異常は構造的なもので代用します</translation>
    </message>
    <message>
        <source>stlm: %1 training + %2 validation images, %3 parameters; teacher ran on %4 images in %5 s, %6 came from the cache</source>
        <translation>stlm: 学習画像 %1 枚 + 検証画像 %2 枚、パラメータ %3 個。教師は %4 枚を %5 秒で処理し、%6 枚はキャッシュから取得</translation>
    </message>
    <message>
        <source>stlm: anomaly map &apos;%1&apos; chosen on the validation images (pixel AUROC fa %2, discrepancy %3, product %4)</source>
        <translation>stlm: 検証画像で異常マップ &apos;%1&apos; を選びました (ピクセル AUROC fa %2、不一致 %3、積 %4)</translation>
    </message>
    <message>
        <source>the run could not be closed in the database: %1</source>
        <translation>データベースで実行を閉じられませんでした: %1</translation>
    </message>
    <message>
        <source>the watch run could not be closed in the database: %1</source>
        <translation>データベースで監視の実行を閉じられませんでした: %1</translation>
    </message>
    <message>
        <source>%1: the archive folder could not be created: %2; %3 stays in place</source>
        <translation>%1: アーカイブフォルダーを作成できませんでした: %2。%3 はそのまま残します</translation>
    </message>
    <message>
        <source>%1: could not be moved to the archive (%2): %3</source>
        <translation>%1: アーカイブ (%2) に移動できませんでした: %3</translation>
    </message>
    <message>
        <source>watching %1 with %2</source>
        <translation>%2 で %1 を監視しています</translation>
    </message>
    <message>
        <source>publishing again %1 MQTT messages of an earlier watch of %2 that the broker had not acknowledged</source>
        <translation>%2 の以前の監視でブローカーが確認しなかった MQTT メッセージ %1 件を再送します</translation>
    </message>
    <message>
        <source>%1 MQTT messages are not acknowledged yet%2; the next watch of this folder publishes them</source>
        <translation>MQTT メッセージ %1 件がまだ確認されていません%2。このフォルダーの次の監視で送信します</translation>
    </message>
    <message>
        <source>%1 MQTT messages are not acknowledged yet%2; without a database they are lost to MQTT</source>
        <translation>MQTT メッセージ %1 件がまだ確認されていません%2。データベースがないため MQTT には届きません</translation>
    </message>
    <message>
        <source>the active model could not be read; scoring goes on with the current one: %1</source>
        <translation>アクティブなモデルを読めませんでした。現在のモデルで採点を続けます: %1</translation>
    </message>
    <message>
        <source>the newly promoted model %1 could not be loaded, so scoring goes on with %2: %3</source>
        <translation>新しく昇格したモデル %1 を読み込めなかったため、%2 で採点を続けます: %3</translation>
    </message>
    <message>
        <source>switching from %1 to %2</source>
        <translation>%1 から %2 に切り替えます</translation>
    </message>
    <message>
        <source>%1: gone before it could be inspected</source>
        <translation>%1: 検査する前になくなりました</translation>
    </message>
    <message>
        <source>scoring a batch failed, so its images are scored one by one: %1</source>
        <translation>バッチの採点に失敗したため、画像を 1 枚ずつ採点します: %1</translation>
    </message>
    <message>
        <source>the heatmap could not be saved: %1</source>
        <translation>ヒートマップを保存できませんでした: %1</translation>
    </message>
    <message>
        <source>the results scored before the stop could not be stored: %1</source>
        <translation>停止前に採点した結果を保存できませんでした: %1</translation>
    </message>
    <message>
        <source>reading the active model: %1</source>
        <translation>アクティブなモデルの読み込み: %1</translation>
    </message>
    <message>
        <source>fetching the active model&apos;s bundle: %1</source>
        <translation>アクティブなモデルのバンドルの取得: %1</translation>
    </message>
    <message>
        <source>reading the SDAS models of the database: %1</source>
        <translation>データベースの SDAS モデルの読み込み: %1</translation>
    </message>
    <message>
        <source>cse: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3; bank of %4 centres from %5 embeddings in %6 s</source>
        <translation>cse: %2 分で %1 エポック (時間予算で終了)、エポック %3 を採用。%5 個の埋め込みから %4 個の中心のバンクを %6 秒で作成</translation>
    </message>
    <message>
        <source>cse: %1 epochs in %2 min, keeping epoch %3; bank of %4 centres from %5 embeddings in %6 s</source>
        <translation>cse: %2 分で %1 エポック、エポック %3 を採用。%5 個の埋め込みから %4 個の中心のバンクを %6 秒で作成</translation>
    </message>
    <message>
        <source>dskd: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>dskd: %2 分で %1 エポック (時間予算で終了)、エポック %3 を採用</translation>
    </message>
    <message>
        <source>dskd: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>dskd: %2 分で %1 エポック、エポック %3 を採用</translation>
    </message>
    <message>
        <source>realnet: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>realnet: %2 分で %1 エポック (時間予算で終了)、エポック %3 を採用</translation>
    </message>
    <message>
        <source>realnet: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>realnet: %2 分で %1 エポック、エポック %3 を採用</translation>
    </message>
    <message>
        <source>sdas: %1 iterations (%2 in this run, %3 it/s), stopped by the time budget</source>
        <translation>sdas: 反復 %1 回 (今回の実行で %2 回、%3 it/s)、時間予算で終了</translation>
    </message>
    <message>
        <source>sdas: %1 iterations (%2 in this run, %3 it/s)</source>
        <translation>sdas: 反復 %1 回 (今回の実行で %2 回、%3 it/s)</translation>
    </message>
    <message>
        <source>stlm: %1 epochs in %2 min (stopped by the time budget), keeping epoch %3</source>
        <translation>stlm: %2 分で %1 エポック (時間予算で終了)、エポック %3 を採用</translation>
    </message>
    <message>
        <source>stlm: %1 epochs in %2 min, keeping epoch %3</source>
        <translation>stlm: %2 分で %1 エポック、エポック %3 を採用</translation>
    </message>
    <message>
        <source>selecting coreset</source>
        <translation>コアセットを選択中</translation>
    </message>
    <message>
        <source>training epoch %1/%2</source>
        <translation>学習 エポック %1/%2</translation>
    </message>
    <message>
        <source>fold %1/%2: %3</source>
        <translation>フォールド %1/%2: %3</translation>
    </message>
    <message>
        <source>cross-validation done</source>
        <translation>交差検証が完了しました</translation>
    </message>
    <message>
        <source>calibrating threshold</source>
        <translation>しきい値を調整中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>testing %1</source>
        <translation>%1 を評価中</translation>
    </message>
    <message>
        <source>computing metrics for %1</source>
        <translation>%1 の指標を計算中</translation>
    </message>
    <message>
        <source>ranking images for labelling</source>
        <translation>ラベル付けのため画像を順位付け中</translation>
    </message>
    <message>
        <source>cutting training images into tiles</source>
        <translation>学習画像をタイルに分割中</translation>
    </message>
    <message>
        <source>embedder trained, bank built</source>
        <translation>埋め込み器を学習し、バンクを作成しました</translation>
    </message>
    <message>
        <source>synthesising validation defects</source>
        <translation>検証用の欠陥を合成中</translation>
    </message>
    <message>
        <source>caching backbone features</source>
        <translation>バックボーン特徴をキャッシュ中</translation>
    </message>
    <message>
        <source>caching validation features</source>
        <translation>検証用の特徴をキャッシュ中</translation>
    </message>
    <message>
        <source>building the k-means bank</source>
        <translation>k-means バンクを作成中</translation>
    </message>
    <message>
        <source>measuring whether the images show a surface or an object</source>
        <translation>画像が表面か物体かを測定中</translation>
    </message>
    <message>
        <source>cse: position explains %1 of the normal images&apos; feature variance: layout %2</source>
        <translation>cse: 位置が正常画像の特徴分散の %1 を説明: レイアウト %2</translation>
    </message>
    <message>
        <source>extracting labelled defects</source>
        <translation>ラベル付き欠陥を抽出中</translation>
    </message>
    <message>
        <source>transplanting labelled defects</source>
        <translation>ラベル付き欠陥を移植中</translation>
    </message>
    <message>
        <source>extracting normal patch features</source>
        <translation>正常パッチの特徴を抽出中</translation>
    </message>
    <message>
        <source>extracting validation features</source>
        <translation>検証用の特徴を抽出中</translation>
    </message>
    <message>
        <source>synthesising defects</source>
        <translation>欠陥を合成中</translation>
    </message>
    <message>
        <source>extracting outlier textures</source>
        <translation>外れ値テクスチャを抽出中</translation>
    </message>
    <message>
        <source>retrieving memories for training patches</source>
        <translation>学習パッチのメモリを検索中</translation>
    </message>
    <message>
        <source>training heads, epoch %1/%2</source>
        <translation>ヘッドを学習中 エポック %1/%2</translation>
    </message>
    <message>
        <source>students trained</source>
        <translation>生徒を学習しました</translation>
    </message>
    <message>
        <source>caching teacher features</source>
        <translation>教師の特徴をキャッシュ中</translation>
    </message>
    <message>
        <source>memory bank ready</source>
        <translation>メモリバンクの準備ができました</translation>
    </message>
    <message>
        <source>extracting patch features</source>
        <translation>パッチ特徴を抽出中</translation>
    </message>
    <message>
        <source>building nearest-neighbour index</source>
        <translation>最近傍インデックスを作成中</translation>
    </message>
    <message>
        <source>reconstruction and segmentation networks trained</source>
        <translation>再構成ネットワークとセグメンテーションネットワークを学習しました</translation>
    </message>
    <message>
        <source>selecting features (AFS)</source>
        <translation>特徴を選択中 (AFS)</translation>
    </message>
    <message>
        <source>decoding training images</source>
        <translation>学習画像をデコード中</translation>
    </message>
    <message>
        <source>decoding validation images</source>
        <translation>検証画像をデコード中</translation>
    </message>
    <message>
        <source>caching clean features</source>
        <translation>クリーンな特徴をキャッシュ中</translation>
    </message>
    <message>
        <source>embedding training images</source>
        <translation>学習画像を埋め込み中</translation>
    </message>
    <message>
        <source>embedding samples</source>
        <translation>サンプルを埋め込み中</translation>
    </message>
    <message>
        <source>novelty measured</source>
        <translation>新規性を測定しました</translation>
    </message>
    <message>
        <source>sampling step %1/%2</source>
        <translation>サンプリング ステップ %1/%2</translation>
    </message>
    <message>
        <source>sampled</source>
        <translation>サンプリングしました</translation>
    </message>
    <message>
        <source>loading training images</source>
        <translation>学習画像を読み込み中</translation>
    </message>
    <message>
        <source>training iteration %1</source>
        <translation>学習 反復 %1</translation>
    </message>
    <message>
        <source>streams trained</source>
        <translation>ストリームを学習しました</translation>
    </message>
    <message>
        <source>teacher features (training)</source>
        <translation>教師の特徴 (学習)</translation>
    </message>
    <message>
        <source>teacher features (validation)</source>
        <translation>教師の特徴 (検証)</translation>
    </message>
    <message>
        <source>scoring the test split</source>
        <translation>テスト分割を採点中</translation>
    </message>
    <message>
        <source>scoring %1</source>
        <translation>%1 を採点中</translation>
    </message>
    <message>
        <source>%1: fast inference path unavailable (%2); running op by op</source>
        <translation>%1: 高速推論パスを使えません (%2)。演算ごとに実行します</translation>
    </message>
    <message>
        <source>caching labelled defects</source>
        <translation>ラベル付き欠陥をキャッシュ中</translation>
    </message>
    <message>
        <source>cse: %1 training + %2 validation images, %3 labelled defects, %4 outlier textures, %5 embedder parameters, backbone cached in %6 s</source>
        <translation>cse: 学習画像 %1 枚 + 検証画像 %2 枚、ラベル付き欠陥 %3 件、外れ値テクスチャ %4 枚、埋め込み器パラメータ %5 個、バックボーンを %6 秒でキャッシュ</translation>
    </message>
    <message>
        <source>They join the synthetic defects its embedding learns to set apart from normal images, as they are and transplanted onto other normal images.</source>
        <translation>合成欠陥に加わり、埋め込みが正常画像と区別するよう学習する欠陥として、そのままの形と他の正常画像へ移植した形で使われます。</translation>
    </message>
    <message>
        <source>They fill its abnormal memory bank and train its scoring heads.</source>
        <translation>異常メモリバンクを満たし、スコアリングヘッドの学習に使われます。</translation>
    </message>
    <message>
        <source>%1: labelled defect %2 has no defect pixels at %3x%4 px; left out</source>
        <translation>%1: ラベル付き欠陥 %2 は %3x%4 px で欠陥ピクセルがありません。除外しました</translation>
    </message>
    <message>
        <source>%1: %2 labelled defects, transplanted onto normal images for %3 % of the anomalies</source>
        <translation>%1: ラベル付き欠陥 %2 件を、異常の %3 % で正常画像に移植</translation>
    </message>
    <message>
        <source>Transplanted onto normal training images, they join the synthetic defects that its feature selection, reconstruction networks and segmentation head learn from.</source>
        <translation>正常な学習画像に移植され、特徴選択・再構成ネットワーク・セグメンテーションヘッドが学習する合成欠陥に加わります。</translation>
    </message>
    <message>
        <source>Transplanted onto normal training images, they join the pseudo-anomalies whose masks its feature-aggregation module learns and that its students learn to see past.</source>
        <translation>正常な学習画像に移植され、特徴集約モジュールがマスクを学習し、生徒ネットワークが見過ごすことを学ぶ疑似異常に加わります。</translation>
    </message>
</context>
<context>
    <name>dl::ui::AnnotationDocument</name>
    <message>
        <source>Eraser stroke</source>
        <translation>消しゴムのストローク</translation>
    </message>
    <message>
        <source>Brush stroke</source>
        <translation>ブラシのストローク</translation>
    </message>
    <message>
        <source>Erase polygon</source>
        <translation>ポリゴンの消去</translation>
    </message>
    <message>
        <source>Polygon</source>
        <translation>ポリゴン</translation>
    </message>
    <message>
        <source>Erase region</source>
        <translation>領域の消去</translation>
    </message>
    <message>
        <source>Fill region</source>
        <translation>領域の塗りつぶし</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>マスクのクリア</translation>
    </message>
</context>
<context>
    <name>dl::ui::AnnotationEditor</name>
    <message>
        <source>x %1, y %2%3</source>
        <translation>x %1、y %2%3</translation>
    </message>
    <message>
        <source> — defect</source>
        <translation> — 欠陥</translation>
    </message>
    <message>
        <source>&amp;Brush</source>
        <translation>ブラシ(&amp;B)</translation>
    </message>
    <message>
        <source>Brush (B): paint the defect; drag with the right button to erase</source>
        <translation>ブラシ (B): 欠陥を塗ります。右ボタンでドラッグすると消去します</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>消しゴム(&amp;E)</translation>
    </message>
    <message>
        <source>Eraser (E): remove paint</source>
        <translation>消しゴム (E): 塗りを消去します</translation>
    </message>
    <message>
        <source>&amp;Polygon</source>
        <translation>ポリゴン(&amp;P)</translation>
    </message>
    <message>
        <source>Polygon (P): click the corners, double-click or Enter to fill, Esc to cancel, Backspace removes the last corner; hold Shift when closing to erase</source>
        <translation>ポリゴン (P): 頂点をクリックし、ダブルクリックまたは Enter で塗りつぶし、Esc でキャンセル、Backspace で最後の頂点を削除します。閉じるときに Shift を押したままにすると消去します</translation>
    </message>
    <message>
        <source>&amp;Fill</source>
        <translation>塗りつぶし(&amp;F)</translation>
    </message>
    <message>
        <source>Fill (F): fill the enclosed region of the mask under the cursor, e.g. the inside of a painted outline; Shift+click erases a painted region</source>
        <translation>塗りつぶし (F): カーソル位置にあるマスクの閉じた領域（塗った輪郭の内側など）を塗りつぶします。Shift+クリックで塗った領域を消去します</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>クリア(&amp;L)</translation>
    </message>
    <message>
        <source>Clear the whole mask (can be undone)</source>
        <translation>マスク全体をクリアします（元に戻せます）</translation>
    </message>
    <message>
        <source>&amp;Save mask</source>
        <translation>マスクを保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the mask, defect type and note to the database as a new annotation (Ctrl+S)</source>
        <translation>マスク、欠陥の種類、メモを新しいアノテーションとしてデータベースに保存します (Ctrl+S)</translation>
    </message>
    <message>
        <source>Show &amp;mask</source>
        <translation>マスクを表示(&amp;M)</translation>
    </message>
    <message>
        <source>Show or hide the painted mask (M)</source>
        <translation>塗ったマスクの表示/非表示を切り替えます (M)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>全体表示</translation>
    </message>
    <message>
        <source>Fit the image to the editor (wheel zooms, middle button or Space+drag pans)</source>
        <translation>画像をエディターに合わせて表示します（ホイールで拡大/縮小、中ボタンまたは Space+ドラッグで移動）</translation>
    </message>
    <message>
        <source>Smaller brush</source>
        <translation>ブラシを小さく</translation>
    </message>
    <message>
        <source>Larger brush</source>
        <translation>ブラシを大きく</translation>
    </message>
    <message>
        <source>Annotation tools</source>
        <translation>アノテーションツール</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Brush diameter in image pixels ([ and ] change it)</source>
        <translation>画像ピクセル単位のブラシの直径（[ と ] で変更）</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Image:</source>
        <translation>画像:</translation>
    </message>
    <message>
        <source>Defect &amp;type:</source>
        <translation>欠陥の種類(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>メモ(&amp;N):</translation>
    </message>
    <message>
        <source>e.g. crack</source>
        <translation>例: 割れ</translation>
    </message>
    <message>
        <source>What kind of defect the mask shows</source>
        <translation>マスクが示す欠陥の種類</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;開いた時点&gt;</translation>
    </message>
    <message>
        <source>Edit history: click a step to go back to it</source>
        <translation>編集履歴: ステップをクリックするとその時点に戻ります</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>%1 を元に戻す</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>%1 をやり直す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直す</translation>
    </message>
    <message>
        <source>Unsaved annotation</source>
        <translation>未保存のアノテーション</translation>
    </message>
    <message>
        <source>The annotation of %1 has unsaved changes.</source>
        <translation>%1 のアノテーションに未保存の変更があります。</translation>
    </message>
    <message>
        <source>Save them to the database before continuing?</source>
        <translation>続行する前にデータベースに保存しますか？</translation>
    </message>
    <message>
        <source>%1: cannot open the image for annotation: %2</source>
        <translation>%1: アノテーション用に画像を開けません: %2</translation>
    </message>
    <message>
        <source>Open an image before saving an annotation.</source>
        <translation>アノテーションを保存する前に画像を開いてください。</translation>
    </message>
    <message>
        <source>The annotation of %1 was not saved: %2</source>
        <translation>%1 のアノテーションは保存されませんでした: %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Open an image (File ▸ Open image, or pick one in the dataset tree), then paint the defect. Masks are saved to %1.</source>
        <translation>画像を開いて（ファイル ▸ 画像を開く、またはデータセットツリーで選択）、欠陥を塗ってください。マスクは %1 に保存されます。</translation>
    </message>
    <message numerus="yes">
        <source>Stored annotation #%1 by %2, %3 (%n version(s) in the database).</source>
        <translation>
            <numerusform>保存済みのアノテーション #%1（%2、%3、データベース内のバージョン数: %n）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not annotated yet.</source>
        <translation>まだアノテーションされていません。</translation>
    </message>
    <message>
        <source>Defect area: %1 pixel(s), %2 % of the image.</source>
        <translation>欠陥面積: %1 ピクセル（画像の %2 %）。</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>未保存の変更があります。</translation>
    </message>
    <message>
        <source>The stored mask could not be loaded; editing started from an empty mask.</source>
        <translation>保存済みのマスクを読み込めなかったため、空のマスクから編集を開始しました。</translation>
    </message>
    <message>
        <source>&amp;Heatmap</source>
        <translation>ヒートマップ(&amp;H)</translation>
    </message>
    <message>
        <source>Show or hide the model&apos;s heatmap under the mask (H)</source>
        <translation>マスクの下にモデルのヒートマップを表示/非表示 (H)</translation>
    </message>
    <message>
        <source>&amp;Ground truth</source>
        <translation>正解マスク(&amp;G)</translation>
    </message>
    <message>
        <source>Show or hide the dataset&apos;s ground-truth mask as a dashed outline (G)</source>
        <translation>データセットの正解マスクを破線の輪郭で表示/非表示 (G)</translation>
    </message>
    <message>
        <source>%1: the ground-truth mask cannot be shown: %2</source>
        <translation>%1: 正解マスクを表示できません: %2</translation>
    </message>
    <message>
        <source>its size differs from the image&apos;s</source>
        <translation>サイズが画像と異なります</translation>
    </message>
</context>
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
    <message>
        <source>Compute threads</source>
        <translation>計算スレッド</translation>
    </message>
    <message>
        <source>Training %1</source>
        <translation>%1 を学習しています</translation>
    </message>
    <message>
        <source>Saving %1</source>
        <translation>%1 を保存しています</translation>
    </message>
    <message>
        <source>Evaluating %1</source>
        <translation>%1 を評価しています</translation>
    </message>
    <message>
        <source>Loading %1</source>
        <translation>%1 を読み込んでいます</translation>
    </message>
    <message>
        <source>Loading SDAS model %1</source>
        <translation>SDAS モデル %1 を読み込んでいます</translation>
    </message>
    <message numerus="yes">
        <source>Generating %n image(s)</source>
        <translation>
            <numerusform>%n 枚の画像を生成しています</numerusform>
        </translation>
    </message>
    <message>
        <source>Synthesis preview</source>
        <translation>合成プレビュー</translation>
    </message>
    <message>
        <source>the test set</source>
        <translation>テストセット</translation>
    </message>
    <message>
        <source>Inspecting %1</source>
        <translation>%1 を検査中</translation>
    </message>
    <message>
        <source>Cross-validating the threshold of %1</source>
        <translation>%1 のしきい値を交差検証中</translation>
    </message>
    <message>
        <source>Ranking images for labelling</source>
        <translation>ラベル付けのために画像を順位付け中</translation>
    </message>
</context>
<context>
    <name>dl::ui::ImportDialog</name>
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>MVTec AD (train/good, test/&lt;defect&gt;, ground_truth)</source>
        <translation>MVTec AD（train/good、test/&lt;欠陥の種類&gt;、ground_truth）</translation>
    </message>
    <message>
        <source>Image + mask folders (one folder per class)</source>
        <translation>画像 + マスクフォルダー（クラスごとに 1 フォルダー）</translation>
    </message>
    <message>
        <source>VisA (split_csv/1cls.csv)</source>
        <translation>VisA（split_csv/1cls.csv）</translation>
    </message>
    <message>
        <source>Plain image folder (normal images only)</source>
        <translation>通常の画像フォルダー（正常画像のみ）</translation>
    </message>
    <message>
        <source>Auto-detect</source>
        <translation>自動検出</translation>
    </message>
    <message>
        <source>Choose a dataset folder.</source>
        <translation>データセットフォルダーを選択してください。</translation>
    </message>
    <message>
        <source>Unexpected error while reading %1: %2</source>
        <translation>%1 の読み取り中に予期しないエラーが発生しました: %2</translation>
    </message>
    <message>
        <source>Open dataset</source>
        <translation>データセットを開く</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>フォルダー(&amp;F):</translation>
    </message>
    <message>
        <source>Dataset root folder</source>
        <translation>データセットのルートフォルダー</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>形式(&amp;O):</translation>
    </message>
    <message>
        <source>Auto-detect (found: %1)</source>
        <translation>自動検出（検出結果: %1）</translation>
    </message>
    <message>
        <source>&amp;Normal class:</source>
        <translation>正常クラス(&amp;N):</translation>
    </message>
    <message>
        <source>The class folder that holds the defect-free images</source>
        <translation>欠陥のない画像を含むクラスフォルダー</translation>
    </message>
    <message>
        <source>&amp;Test fraction:</source>
        <translation>テストの割合(&amp;T):</translation>
    </message>
    <message>
        <source>Share of the normal images held out for testing; every defect image is a test image</source>
        <translation>テスト用に取り分ける正常画像の割合。欠陥画像はすべてテスト画像になります</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>シード(&amp;S):</translation>
    </message>
    <message>
        <source>Seed of the reproducible train/test split</source>
        <translation>再現可能な学習/テスト分割のシード</translation>
    </message>
    <message>
        <source>Category / split / defect type</source>
        <translation>カテゴリ / 分割 / 欠陥の種類</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>A few images of each group</source>
        <translation>各グループのサンプル画像</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>インポート(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>データセットフォルダーを選択</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 を読み取っています…</translation>
    </message>
    <message>
        <source>Choose a folder to see what it contains.</source>
        <translation>フォルダーを選択すると、その内容が表示されます。</translation>
    </message>
    <message>
        <source>Nothing can be imported from this folder yet.</source>
        <translation>このフォルダーからはまだ何もインポートできません。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s)</source>
        <translation>
            <numerusform>画像 %n 枚</numerusform>
        </translation>
    </message>
    <message>
        <source>categories: %1</source>
        <translation>カテゴリ: %1</translation>
    </message>
    <message>
        <source>Normal class: %1</source>
        <translation>正常クラス: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be skipped, e.g. %1</source>
        <translation>
            <numerusform>%n 個のファイルがスキップされます（例: %1）</numerusform>
        </translation>
    </message>
    <message>
        <source>O&amp;bject:</source>
        <translation>対象物(&amp;B):</translation>
    </message>
    <message>
        <source>All objects of the csv</source>
        <translation>CSV のすべての対象物</translation>
    </message>
    <message>
        <source>Import only this object of split_csv/1cls.csv</source>
        <translation>split_csv/1cls.csv のこの対象物のみをインポートします</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>カテゴリ(&amp;C):</translation>
    </message>
    <message>
        <source>Default: the folder name</source>
        <translation>既定: フォルダー名</translation>
    </message>
    <message>
        <source>The category name the images are filed under</source>
        <translation>画像を分類するカテゴリ名</translation>
    </message>
</context>
<context>
    <name>dl::ui::LabelQueuePanel</name>
    <message>
        <source>an operator overrode the model here</source>
        <translation>オペレーターがここでモデルの判定を変更しました</translation>
    </message>
    <message>
        <source>%1 normal spreads from the threshold</source>
        <translation>しきい値から正常ばらつき %1 個分</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>スコア</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>&amp;Rank images</source>
        <translation>画像を順位付け(&amp;R)</translation>
    </message>
    <message>
        <source>Score the dataset&apos;s test images that are not annotated yet with the loaded model and rank them: operator overrides first, then those nearest the threshold</source>
        <translation>まだアノテーションのないデータセットのテスト画像を読み込み済みのモデルで評価して順位付けします。オペレーターの変更が先、次にしきい値に近いもの</translation>
    </message>
    <message>
        <source>&amp;Open next</source>
        <translation>次を開く(&amp;O)</translation>
    </message>
    <message>
        <source>Open the next image of the queue in the annotation editor; saving its mask moves on</source>
        <translation>キューの次の画像をアノテーション エディターで開きます。マスクを保存すると次へ進みます</translation>
    </message>
    <message>
        <source>Ranking the images…</source>
        <translation>画像を順位付け中…</translation>
    </message>
    <message>
        <source>Load a model and a dataset, then rank the images the model is least sure about. Label the defects among them; Retrain with annotations uses them.</source>
        <translation>モデルとデータセットを読み込み、モデルが最も迷う画像を順位付けします。その中の不良にラベルを付けると、「アノテーションで再学習」で使われます。</translation>
    </message>
    <message>
        <source>%1 of %2 labelled; ranked with %3 (threshold %4); %5 annotated before are left out.</source>
        <translation>%2 件中 %1 件ラベル付け済み。%3 で順位付け（しきい値 %4）。以前にアノテーション済みの %5 件は除外。</translation>
    </message>
</context>
<context>
    <name>dl::ui::LinePanel</name>
    <message>
        <source>Watching %1 with %2</source>
        <translation>%2 で %1 を監視中</translation>
    </message>
    <message>
        <source>Watch folder</source>
        <translation>監視フォルダー</translation>
    </message>
    <message>
        <source>Archive folder</source>
        <translation>アーカイブフォルダー</translation>
    </message>
    <message>
        <source>Choose an existing folder to watch (got &quot;%1&quot;).</source>
        <translation>監視する既存のフォルダーを選択してください（指定：「%1」）。</translation>
    </message>
    <message>
        <source>No model is loaded: open a model, or choose the active model.</source>
        <translation>モデルが読み込まれていません。モデルを開くか、有効なモデルを選択してください。</translation>
    </message>
    <message>
        <source>Line mode records every part: set up a results database first (Settings).</source>
        <translation>ライン モードはすべての部品を記録します。まず結果データベースを設定してください（設定）。</translation>
    </message>
    <message>
        <source>Stopping after the part in hand…</source>
        <translation>処理中の部品の後に停止します…</translation>
    </message>
    <message>
        <source>(no image: %1)</source>
        <translation>（画像なし：%1）</translation>
    </message>
    <message>
        <source>UNREADABLE</source>
        <translation>読み取り不可</translation>
    </message>
    <message>
        <source>DEFECT</source>
        <translation>不良</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>良品</translation>
    </message>
    <message>
        <source>score %1 (threshold %2)</source>
        <translation>スコア %1（しきい値 %2）</translation>
    </message>
    <message>
        <source>recorded %1 ms after it was written</source>
        <translation>書き込みから %1 ms 後に記録</translation>
    </message>
    <message>
        <source>Defect</source>
        <translation>不良</translation>
    </message>
    <message>
        <source>Overridden by the operator</source>
        <translation>オペレーターが変更</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>読み取り不可</translation>
    </message>
    <message>
        <source>Yield</source>
        <translation>歩留まり</translation>
    </message>
    <message>
        <source>Not watching.</source>
        <translation>監視していません。</translation>
    </message>
    <message numerus="yes">
        <source>Paused: %n part(s) waiting.</source>
        <translation>
            <numerusform>一時停止中：%n 個の部品が待機中です。</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>モデルを読み込み中…</translation>
    </message>
    <message numerus="yes">
        <source>Watching with %1; %n part(s) waiting.</source>
        <translation>
            <numerusform>%1 で監視中。%n 個の部品が待機中です。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: %n defective part(s) in a row. Check the line.</source>
        <translation>
            <numerusform>アラーム：不良部品が %n 個連続しています。ラインを確認してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Watch folder:</source>
        <translation>監視フォルダー：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Subfolders</source>
        <translation>サブフォルダー</translation>
    </message>
    <message>
        <source>Archive to:</source>
        <translation>アーカイブ先：</translation>
    </message>
    <message>
        <source>optional: inspected parts are moved here</source>
        <translation>任意：検査済みの部品をここへ移動します</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>モデル：</translation>
    </message>
    <message>
        <source>The active model (follows promotions)</source>
        <translation>有効なモデル（昇格に追従）</translation>
    </message>
    <message>
        <source>The loaded model (none loaded)</source>
        <translation>読み込み済みのモデル（なし）</translation>
    </message>
    <message>
        <source>The loaded model: %1</source>
        <translation>読み込み済みのモデル：%1</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Parts keep arriving and wait until you resume (Space)</source>
        <translation>部品は届き続け、再開するまで待機します（スペース）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Alarm after defects in a row:</source>
        <translation>連続不良でアラーム：</translation>
    </message>
    <message>
        <source>Acknowledge alarm</source>
        <translation>アラームを確認</translation>
    </message>
    <message>
        <source>Accept (OK)</source>
        <translation>合格（良品）</translation>
    </message>
    <message>
        <source>Mark the part shown as OK (A)</source>
        <translation>表示中の部品を良品にする (A)</translation>
    </message>
    <message>
        <source>Reject (defect)</source>
        <translation>不合格（不良）</translation>
    </message>
    <message>
        <source>Mark the part shown as defective (R)</source>
        <translation>表示中の部品を不良にする (R)</translation>
    </message>
    <message>
        <source>The newest part appears here with its heatmap.</source>
        <translation>最新の部品がヒートマップとともにここに表示されます。</translation>
    </message>
    <message>
        <source>Yield (%)</source>
        <translation>歩留まり (%)</translation>
    </message>
    <message>
        <source>OK share of the last %1 parts</source>
        <translation>直近 %1 個の良品率</translation>
    </message>
    <message>
        <source>The tile overlap (%1 px) must be smaller than the tile size (%2 px).</source>
        <translation>タイルの重なり（%1 px）はタイルサイズ（%2 px）より小さくしてください。</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>オプション:</translation>
    </message>
    <message>
        <source>List the folder every</source>
        <translation>フォルダーを一覧する間隔</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>never (file events only)</source>
        <translation>しない（ファイルイベントのみ）</translation>
    </message>
    <message>
        <source>For network shares, which announce no new files: also look into the folder this often</source>
        <translation>新しいファイルを通知しないネットワーク共有向け：この間隔でフォルダーも確認します</translation>
    </message>
    <message>
        <source>Tiles:</source>
        <translation>タイル:</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>as the model was trained</source>
        <translation>モデルの学習時のまま</translation>
    </message>
    <message>
        <source>Score large images in overlapping tiles of this size at full resolution</source>
        <translation>大きな画像をこのサイズの重なり合うタイルに分け、元の解像度で採点します</translation>
    </message>
    <message>
        <source>overlap:</source>
        <translation>重なり:</translation>
    </message>
    <message>
        <source>Publish to:</source>
        <translation>送信先:</translation>
    </message>
    <message>
        <source>optional: mqtt://broker:1883/line1/verdicts (password and TLS files from DEFECTLENS_MQTT_PASSWORD, _CA, _CERT, _KEY)</source>
        <translation>任意: mqtt://broker:1883/line1/verdicts（パスワードと TLS ファイルは DEFECTLENS_MQTT_PASSWORD、_CA、_CERT、_KEY から）</translation>
    </message>
</context>
<context>
    <name>dl::ui::LineSession</name>
    <message>
        <source>Line stopped: %1 parts scored, %2 could not be read, %3 already inspected before.</source>
        <translation>ラインを停止しました：%1 個を評価、%2 個は読み取り不可、%3 個は検査済みでした。</translation>
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
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Annotate defects</source>
        <translation>欠陥をアノテーション(&amp;A)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Training and evaluation</source>
        <translation>学習と評価</translation>
    </message>
    <message>
        <source>Trained %1 in %2 s: %3</source>
        <translation>%1 を %2 秒で学習しました: %3</translation>
    </message>
    <message>
        <source>Annotation</source>
        <translation>アノテーション</translation>
    </message>
    <message>
        <source>Annotation %1 of %2 saved to %3</source>
        <translation>%2 のアノテーション %1 を %3 に保存しました</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>サムネイル</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>ダーク(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>ライト(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>ツール(&amp;T)</translation>
    </message>
    <message>
        <source>Anomaly &amp;synthesis preview…</source>
        <translation>異常合成プレビュー(&amp;S)…</translation>
    </message>
    <message>
        <source>Generate anomalies with an SDAS model at a chosen strength</source>
        <translation>SDAS モデルで指定した強度の異常を生成します</translation>
    </message>
    <message>
        <source>SDAS model %1 is ready for RealNet&apos;s synthesis and for Tools &gt; Anomaly synthesis preview.</source>
        <translation>SDAS モデル %1 を RealNet の合成と「ツール &gt; 異常合成プレビュー」で使用できます。</translation>
    </message>
    <message>
        <source>&amp;Inspect</source>
        <translation>検査(&amp;I)</translation>
    </message>
    <message>
        <source>Inspect &amp;folder…</source>
        <translation>フォルダーを検査(&amp;F)…</translation>
    </message>
    <message>
        <source>Score every image of a folder with the loaded model and record the results</source>
        <translation>読み込んだモデルでフォルダー内の全画像を評価し、結果を記録します</translation>
    </message>
    <message>
        <source>Inspect the &amp;test set</source>
        <translation>テストセットを検査(&amp;T)</translation>
    </message>
    <message>
        <source>Score the loaded dataset&apos;s test images with the loaded model and record the results with their metrics</source>
        <translation>読み込んだデータセットのテスト画像を評価し、結果と指標を記録します</translation>
    </message>
    <message>
        <source>%1 is ready for review; promote it in the Models dock to put it into use.</source>
        <translation>%1 を確認できます。使用するにはモデルドックで採用してください。</translation>
    </message>
    <message>
        <source>A report is being written; wait for it or cancel it first.</source>
        <translation>レポートを作成中です。完了を待つか、先にキャンセルしてください。</translation>
    </message>
    <message>
        <source>Writing the report of run %1…</source>
        <translation>実行 %1 のレポートを作成中…</translation>
    </message>
    <message>
        <source>Cancelling the report…</source>
        <translation>レポートをキャンセル中…</translation>
    </message>
    <message>
        <source>Report of run %1 cancelled; no files written</source>
        <translation>実行 %1 のレポートをキャンセルしました。ファイルは書き込まれていません</translation>
    </message>
    <message>
        <source>Report cancelled</source>
        <translation>レポートをキャンセルしました</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>検査</translation>
    </message>
    <message>
        <source>Open or train a model first: an inspection scores images with the loaded model.</source>
        <translation>先にモデルを開くか学習してください。検査は読み込んだモデルで画像を評価します。</translation>
    </message>
    <message>
        <source>Open a dataset first: its test images are inspected.</source>
        <translation>先にデータセットを開いてください。そのテスト画像が検査されます。</translation>
    </message>
    <message>
        <source>Inspecting the test set with %1</source>
        <translation>%1 でテストセットを検査中</translation>
    </message>
    <message>
        <source>Inspecting %1 with %2</source>
        <translation>%2 で %1 を検査中</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 はフォルダーではありません。</translation>
    </message>
    <message>
        <source>Inspect folder</source>
        <translation>フォルダーを検査</translation>
    </message>
    <message numerus="yes">
        <source>Inspected %n image(s) of %1: %2 defective</source>
        <translation>
            <numerusform>%1 の画像 %n 枚を検査: 不良 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be scored (see the run&apos;s results)</source>
        <translation>
            <numerusform>%n 件のファイルを評価できませんでした (実行の結果を参照)</numerusform>
        </translation>
    </message>
    <message>
        <source>image AUROC %1</source>
        <translation>画像 AUROC %1</translation>
    </message>
    <message>
        <source>Annotated images could not be marked: %1</source>
        <translation>アノテーション済み画像に印を付けられませんでした: %1</translation>
    </message>
    <message>
        <source>&amp;Line mode (watch a folder)</source>
        <translation>ライン モード（フォルダーを監視）(&amp;L)</translation>
    </message>
    <message>
        <source>Score each image as it arrives in a folder, live, and record every part</source>
        <translation>フォルダーに届いた画像をその場で評価し、すべての部品を記録します</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>ライン</translation>
    </message>
    <message>
        <source>Result %1 is not shown in the results table (check its filters).</source>
        <translation>結果 %1 は結果テーブルに表示されていません（フィルターを確認してください）。</translation>
    </message>
    <message>
        <source>&amp;Label next…</source>
        <translation>次にラベル付け(&amp;L)…</translation>
    </message>
    <message>
        <source>Rank the images the model is least sure about and annotate them in that order</source>
        <translation>モデルが最も迷う画像を順位付けし、その順にアノテーションします</translation>
    </message>
    <message>
        <source>Label next</source>
        <translation>次にラベル付け</translation>
    </message>
    <message numerus="yes">
        <source>Label next: %n image(s) ranked</source>
        <translation>
            <numerusform>次にラベル付け：%n 件の画像を順位付けしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Open or train a model first: it ranks the images.</source>
        <translation>まずモデルを開くか学習してください。モデルが画像を順位付けします。</translation>
    </message>
    <message>
        <source>Open a dataset first: its test images are ranked.</source>
        <translation>まずデータセットを開いてください。そのテスト画像を順位付けします。</translation>
    </message>
    <message>
        <source>Open results database on a se&amp;rver…</source>
        <translation>サーバー上の結果データベースを開く(&amp;R)…</translation>
    </message>
    <message>
        <source>Open the PostgreSQL database the line shares (postgresql://user@host/line1)</source>
        <translation>ラインで共有する PostgreSQL データベースを開きます (postgresql://user@host/line1)</translation>
    </message>
    <message>
        <source>Open results database on a server</source>
        <translation>サーバー上の結果データベースを開く</translation>
    </message>
    <message>
        <source>PostgreSQL address, e.g. postgresql://user@host/line1
(the password comes from DEFECTLENS_DB_PASSWORD or ~/.pgpass):</source>
        <translation>PostgreSQL アドレス (例: postgresql://user@host/line1)
(パスワードは DEFECTLENS_DB_PASSWORD または ~/.pgpass から取得):</translation>
    </message>
    <message>
        <source>A server database is named by a postgresql:// address, e.g. postgresql://user@host/line1. Open a database file with File ▸ Open results database.</source>
        <translation>サーバーのデータベースは postgresql:// アドレスで指定します (例: postgresql://user@host/line1)。データベースファイルは「ファイル ▸ 結果データベースを開く」で開きます。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1 に接続しています…</translation>
    </message>
    <message>
        <source>Paint the defect mask of the current image for training (DMAD, CSE, RealNet and STLM learn from it)</source>
        <translation>学習用に現在の画像の欠陥マスクを塗ります（DMAD・CSE・RealNet・STLM がこれから学習します）</translation>
    </message>
</context>
<context>
    <name>dl::ui::ModelCompare</name>
    <message>
        <source>Select two models and press Compare.</source>
        <translation>2 つのモデルを選択して「比較」を押してください。</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>変化</translation>
    </message>
    <message>
        <source>False positive rate</source>
        <translation>偽陽性率</translation>
    </message>
    <message>
        <source>True positive rate</source>
        <translation>真陽性率</translation>
    </message>
    <message>
        <source>False positive rate (pixels)</source>
        <translation>偽陽性率（ピクセル）</translation>
    </message>
    <message>
        <source>Per-region overlap</source>
        <translation>領域ごとの重なり率</translation>
    </message>
    <message>
        <source>Image ROC</source>
        <translation>画像 ROC</translation>
    </message>
    <message>
        <source>Pixel PRO (FPR ≤ 0.3)</source>
        <translation>ピクセル PRO（FPR ≤ 0.3）</translation>
    </message>
    <message>
        <source>Before: %1
After: %2</source>
        <translation>変更前: %1
変更後: %2</translation>
    </message>
    <message>
        <source>Evaluating both models on the same test images…</source>
        <translation>同じテスト画像で両方のモデルを評価しています…</translation>
    </message>
    <message numerus="yes">
        <source>Both models evaluated on %n test image(s).</source>
        <translation>
            <numerusform>両方のモデルを %n 枚のテスト画像で評価しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>画像 AUROC</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>ピクセル AUROC</translation>
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
        <translation>平均適合率</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>しきい値</translation>
    </message>
    <message>
        <source>before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>Categ&amp;ory:</source>
        <translation>カテゴリ(&amp;O):</translation>
    </message>
    <message>
        <source>All categories (mean)</source>
        <translation>すべてのカテゴリ（平均）</translation>
    </message>
    <message>
        <source>Promoted</source>
        <translation>採用済み</translation>
    </message>
    <message>
        <source>&amp;Promote the new model…</source>
        <translation>新しいモデルを採用(&amp;P)…</translation>
    </message>
    <message>
        <source>Make the new model the active one (asks for a reason); until then the old model stays in use</source>
        <translation>新しいモデルを有効にします (理由を尋ねます)。それまでは古いモデルが使われます</translation>
    </message>
    <message>
        <source>before → after (change)</source>
        <translation>変更前 → 変更後 (変化)</translation>
    </message>
    <message>
        <source>Within its images</source>
        <translation>自身の画像内</translation>
    </message>
    <message>
        <source>Pixel AUROC of the type&apos;s defect pixels against the other pixels of the same images, before → after (change): whether the map finds the defect inside an image, not only which images it flags</source>
        <translation>この種類の欠陥ピクセルを同じ画像の他のピクセルと比べたピクセル AUROC、変更前 → 変更後 (変化): マップがどの画像を検出するかだけでなく、画像内で欠陥の位置を示せるか</translation>
    </message>
    <message>
        <source>C&amp;urves</source>
        <translation>曲線(&amp;U)</translation>
    </message>
    <message>
        <source>By &amp;defect type</source>
        <translation>欠陥の種類別(&amp;D)</translation>
    </message>
    <message>
        <source>Each defect type against the category&apos;s good images: which kinds of defect the new model finds better or worse</source>
        <translation>欠陥の種類ごとにカテゴリの良品画像と比較: 新しいモデルがどの種類の欠陥をよりよく、またはより悪く検出するか</translation>
    </message>
    <message numerus="yes">
        <source>%n defect image(s); %1 % of the category&apos;s defect pixels</source>
        <translation>
            <numerusform>欠陥画像 %n 枚、カテゴリの欠陥画素の %1 %</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n defect image(s); no defect pixels in their masks</source>
        <translation>
            <numerusform>欠陥画像 %n 枚、マスクに欠陥画素なし</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 and %2 score on different scales: their thresholds are not comparable.</source>
        <translation>%1 と %2 はスコアの尺度が異なるため、しきい値は比較できません。</translation>
    </message>
</context>
<context>
    <name>dl::ui::ModelList</name>
    <message>
        <source>No models yet: train one, or open a results database.</source>
        <translation>まだモデルがありません。モデルを学習するか、結果データベースを開いてください。</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>アクティブ</translation>
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
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>親モデル</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>画像 AUROC</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>ピクセル AUROC</translation>
    </message>
    <message>
        <source>AU-PRO</source>
        <translation>AU-PRO</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>更新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比較(&amp;C)</translation>
    </message>
    <message>
        <source>Evaluate the two selected models on the loaded test images</source>
        <translation>選択した 2 つのモデルを読み込んだテスト画像で評価します</translation>
    </message>
    <message>
        <source>Comparison failed: %1</source>
        <translation>比較に失敗しました: %1</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>比較をキャンセルしました。</translation>
    </message>
    <message>
        <source>Active model</source>
        <translation>アクティブなモデル</translation>
    </message>
    <message>
        <source>%1 (file missing)</source>
        <translation>%1（ファイルなし）</translation>
    </message>
    <message>
        <source>model %1</source>
        <translation>モデル %1</translation>
    </message>
    <message>
        <source>%1: the model file does not exist any more.</source>
        <translation>%1: モデルファイルはもう存在しません。</translation>
    </message>
    <message>
        <source>Select exactly two models to compare.</source>
        <translation>比較するモデルをちょうど 2 つ選択してください。</translation>
    </message>
    <message>
        <source>Import the dataset to compare the models on first.</source>
        <translation>先に、モデルの比較に使用するデータセットをインポートしてください。</translation>
    </message>
    <message>
        <source>%1 is not a model of this database, so it was opened without being put into use.</source>
        <translation>%1 はこのデータベースのモデルではないため、開きましたが使用中のモデルにはしていません。</translation>
    </message>
    <message>
        <source>Promoted by %1 on %2</source>
        <translation>%1 が %2 に使用を開始しました</translation>
    </message>
    <message>
        <source>%1 is an SDAS synthesis model: it generates anomalies for RealNet (Training dock, Tools &gt; Anomaly synthesis preview) and cannot be put into use as a detector.</source>
        <translation>%1 は SDAS 合成モデルです。RealNet 用の異常を生成するもので（「学習」パネル、「ツール &gt; 異常合成プレビュー」）、検出器として使用することはできません。</translation>
    </message>
    <message>
        <source>&amp;Promote…</source>
        <translation>採用(&amp;P)…</translation>
    </message>
    <message>
        <source>Put the selected model into use on the line (asks for a reason)</source>
        <translation>選択したモデルをラインで使用します (理由を尋ねます)</translation>
    </message>
    <message>
        <source>%1 was not promoted: a promotion needs a reason.</source>
        <translation>%1 は採用されませんでした。採用には理由が必要です。</translation>
    </message>
    <message>
        <source>Promote model</source>
        <translation>モデルを採用</translation>
    </message>
    <message>
        <source>Put %1 into use on the line?</source>
        <translation>%1 をラインで使用しますか?</translation>
    </message>
    <message>
        <source>Replace %1 with %2 on the line?</source>
        <translation>ラインの %1 を %2 に置き換えますか?</translation>
    </message>
    <message>
        <source>Every workstation that follows this database switches to it. Your name and the reason are recorded.</source>
        <translation>このデータベースに従うすべてのワークステーションが切り替わります。名前と理由が記録されます。</translation>
    </message>
    <message>
        <source>e.g. fewer false rejects on last week&apos;s parts</source>
        <translation>例: 先週の部品で誤不良が減った</translation>
    </message>
    <message>
        <source>Promote</source>
        <translation>採用</translation>
    </message>
    <message>
        <source>&amp;Threshold…</source>
        <translation>しきい値(&amp;T)…</translation>
    </message>
    <message>
        <source>Choose the selected model&apos;s threshold by the share of good parts it may reject</source>
        <translation>良品を不良とする割合で選択したモデルのしきい値を選びます</translation>
    </message>
    <message>
        <source>Import the dataset the model was trained on first: its training images are cross-validated.</source>
        <translation>先にモデルを学習したデータセットを読み込んでください。その学習画像を交差検証します。</translation>
    </message>
</context>
<context>
    <name>dl::ui::ReportExportJob</name>
    <message>
        <source>The report was not written.</source>
        <translation>レポートは書き込まれませんでした。</translation>
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
        <source>image unreadable</source>
        <translation>画像を読み取れません</translation>
    </message>
    <message>
        <source>image file missing</source>
        <translation>画像ファイルがありません</translation>
    </message>
    <message>
        <source>no heatmap stored</source>
        <translation>ヒートマップは保存されていません</translation>
    </message>
    <message>
        <source>heatmap file missing</source>
        <translation>ヒートマップファイルがありません</translation>
    </message>
    <message>
        <source>heatmap unreadable</source>
        <translation>ヒートマップを読み取れません</translation>
    </message>
    <message>
        <source>%1 — page %2</source>
        <translation>%1 — %2 ページ</translation>
    </message>
    <message>
        <source>from the model record</source>
        <translation>モデルの記録から</translation>
    </message>
    <message>
        <source>from the run&apos;s parameters</source>
        <translation>実行のパラメーターから</translation>
    </message>
    <message>
        <source>%1 of %2 results shown: %3.</source>
        <translation>%2 件中 %1 件の結果を表示: %3。</translation>
    </message>
    <message>
        <source>The run&apos;s one result is listed.</source>
        <translation>実行の 1 件の結果を記載しています。</translation>
    </message>
    <message>
        <source>All %1 results of the run are listed.</source>
        <translation>実行の全 %1 件の結果を記載しています。</translation>
    </message>
    <message>
        <source>Only the first %1 results of the run were loaded.</source>
        <translation>実行の最初の %1 件の結果のみ読み込みました。</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>Images listed</source>
        <translation>記載した画像</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Heatmaps stored</source>
        <translation>保存済みヒートマップ</translation>
    </message>
    <message>
        <source>%1 of %2; raw maps are coloured from %3 to %4 (the run&apos;s lowest score to 1.25 × the threshold)</source>
        <translation>%2 件中 %1 件。生マップは %3 から %4 で着色 (実行の最低スコアからしきい値の 1.25 倍)</translation>
    </message>
    <message>
        <source>Metrics from the labels</source>
        <translation>ラベルからの指標</translation>
    </message>
    <message>
        <source>No labels: none of the run&apos;s images is labelled normal or defective.</source>
        <translation>ラベルなし: 実行の画像に正常または不良のラベルがありません。</translation>
    </message>
    <message>
        <source>Computed from the %1 labelled of the run&apos;s %2 results, whatever the filter shows.</source>
        <translation>フィルターに関係なく、実行の %2 件の結果のうちラベル付きの %1 件から計算。</translation>
    </message>
    <message>
        <source>needs normal and defective images</source>
        <translation>正常画像と不良画像が必要</translation>
    </message>
    <message>
        <source>Labelled images</source>
        <translation>ラベル付き画像</translation>
    </message>
    <message>
        <source>%1 normal, %2 defective</source>
        <translation>正常 %1、不良 %2</translation>
    </message>
    <message>
        <source>Image AUROC</source>
        <translation>画像 AUROC</translation>
    </message>
    <message>
        <source>Average precision</source>
        <translation>平均適合率</translation>
    </message>
    <message>
        <source>At the threshold %1</source>
        <translation>しきい値 %1 で</translation>
    </message>
    <message>
        <source>By the model&apos;s verdicts</source>
        <translation>モデルの判定による</translation>
    </message>
    <message>
        <source>%1 defects found, %2 missed, %3 false alarms, %4 normal passed</source>
        <translation>欠陥検出 %1、見逃し %2、誤報 %3、正常通過 %4</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>正解率</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>適合率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>再現率</translation>
    </message>
    <message>
        <source>Metrics recorded with the model</source>
        <translation>モデルと共に記録された指標</translation>
    </message>
    <message>
        <source>Pixel AUROC</source>
        <translation>ピクセル AUROC</translation>
    </message>
    <message>
        <source>AUPRO</source>
        <translation>AUPRO</translation>
    </message>
    <message>
        <source>F1 max</source>
        <translation>F1 最大</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>テスト画像</translation>
    </message>
    <message>
        <source>Training time (s)</source>
        <translation>学習時間 (秒)</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>None recorded.</source>
        <translation>記録なし。</translation>
    </message>
    <message>
        <source>Written by the model&apos;s training and its latest evaluation, not necessarily this run.</source>
        <translation>モデルの学習と最新の評価で記録されたもので、この実行のものとは限りません。</translation>
    </message>
    <message>
        <source>Parent model</source>
        <translation>親モデル</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Started (UTC)</source>
        <translation>開始 (UTC)</translation>
    </message>
    <message>
        <source>Finished (UTC)</source>
        <translation>終了 (UTC)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation>パラメーター %1</translation>
    </message>
    <message>
        <source>Written %1 UTC from %2.</source>
        <translation>%1 UTC に %2 から作成。</translation>
    </message>
    <message>
        <source>DefectLens report, run #%1</source>
        <translation>DefectLens レポート、実行 #%1</translation>
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
    <message>
        <source>View:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>並べて表示</translation>
    </message>
    <message>
        <source>Blended</source>
        <translation>重ねて表示</translation>
    </message>
    <message>
        <source>Image and heatmap side by side, or the heatmap blended over one large image</source>
        <translation>画像とヒートマップを並べて表示するか、1 枚の大きな画像にヒートマップを重ねて表示します</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>配色:</translation>
    </message>
    <message>
        <source>Colour map of the anomaly scores</source>
        <translation>異常スコアのカラーマップ</translation>
    </message>
    <message>
        <source>Opacity:</source>
        <translation>不透明度:</translation>
    </message>
    <message>
        <source>How strongly the heatmap covers the image</source>
        <translation>ヒートマップが画像を覆う強さ</translation>
    </message>
    <message>
        <source>Contour:</source>
        <translation>輪郭:</translation>
    </message>
    <message>
        <source>Regions whose pixel score exceeds this value are outlined; it starts at the model&apos;s threshold</source>
        <translation>ピクセルスコアがこの値を超える領域の輪郭を表示します。初期値はモデルのしきい値です</translation>
    </message>
    <message>
        <source>Show heatmap &amp;overlay</source>
        <translation>ヒートマップのオーバーレイを表示(&amp;O)</translation>
    </message>
    <message>
        <source>Show or hide the anomaly heatmap over the image (O)</source>
        <translation>画像上の異常ヒートマップの表示/非表示を切り替えます (O)</translation>
    </message>
    <message>
        <source>Image with anomaly heatmap</source>
        <translation>異常ヒートマップ付きの画像</translation>
    </message>
    <message>
        <source>How strongly the heatmap covers the image: %1 %</source>
        <translation>ヒートマップが画像を覆う強さ: %1 %</translation>
    </message>
    <message>
        <source>x %1, y %2: pixel score %3 (normalised %4)</source>
        <translation>x %1、y %2: ピクセルスコア %3（正規化値 %4）</translation>
    </message>
    <message>
        <source>x %1, y %2</source>
        <translation>x %1、y %2</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>評価中…</translation>
    </message>
    <message>
        <source>%1 (operator)</source>
        <translation>%1 (オペレーター)</translation>
    </message>
    <message>
        <source>Set by %1</source>
        <translation>%1 が設定</translation>
    </message>
    <message>
        <source>Model&apos;s verdict: %1</source>
        <translation>モデルの判定: %1</translation>
    </message>
    <message>
        <source>The model&apos;s verdict</source>
        <translation>モデルの判定</translation>
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
    <message>
        <source>Defect type</source>
        <translation>欠陥の種類</translation>
    </message>
    <message>
        <source>training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>検査</translation>
    </message>
    <message>
        <source>benchmark</source>
        <translation>ベンチマーク</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>The model&apos;s verdict at its threshold</source>
        <translation>しきい値でのモデルの判定</translation>
    </message>
    <message>
        <source>The operator&apos;s verdict where one was given; it is the one that counts</source>
        <translation>オペレーターの判定 (ある場合)。こちらが優先されます</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>オペレーター</translation>
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
        <source>The verdict of %1 was not changed: an override needs a reason.</source>
        <translation>%1 の判定は変更されませんでした。上書きには理由が必要です。</translation>
    </message>
    <message>
        <source>(hidden now: it no longer matches the filter)</source>
        <translation>(フィルターに一致しなくなったため非表示)</translation>
    </message>
    <message>
        <source>Why is %1 %2? The reason is recorded with your name.</source>
        <translation>%1 が %2 である理由は? 理由はあなたの名前と共に記録されます。</translation>
    </message>
    <message>
        <source>e.g. dust on the lens, scratch confirmed under the microscope</source>
        <translation>例: レンズのほこり、顕微鏡で傷を確認</translation>
    </message>
    <message>
        <source>The score of %1 could not be recorded: %2</source>
        <translation>%1 のスコアを記録できませんでした: %2</translation>
    </message>
    <message>
        <source>New results cannot be read from %1 at the moment; trying again.</source>
        <translation>現在 %1 から新しい結果を読み込めません。再試行しています。</translation>
    </message>
</context>
<context>
    <name>dl::ui::SettingsDialog</name>
    <message>
        <source>Choose a folder</source>
        <translation>フォルダーを選択</translation>
    </message>
    <message>
        <source>Results database</source>
        <translation>結果データベース</translation>
    </message>
    <message>
        <source>DefectLens databases (*.sqlite *.db)</source>
        <translation>DefectLens データベース (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Backbone weights</source>
        <translation>バックボーンの重み</translation>
    </message>
    <message>
        <source>Backbone weights (*.onnx *.pt)</source>
        <translation>バックボーンの重み (*.onnx *.pt)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>&amp;Datasets folder:</source>
        <translation>データセットフォルダー(&amp;D):</translation>
    </message>
    <message>
        <source>Where Open dataset starts</source>
        <translation>「データセットを開く」で最初に表示されるフォルダー</translation>
    </message>
    <message>
        <source>&amp;Models folder:</source>
        <translation>モデルフォルダー(&amp;M):</translation>
    </message>
    <message>
        <source>Where Open model starts</source>
        <translation>「モデルを開く」で最初に表示されるフォルダー</translation>
    </message>
    <message>
        <source>Results data&amp;base:</source>
        <translation>結果データベース(&amp;B):</translation>
    </message>
    <message>
        <source>None: open one with File → Open results database</source>
        <translation>なし: 「ファイル → 結果データベースを開く」で開きます</translation>
    </message>
    <message>
        <source>&amp;Backbone weights:</source>
        <translation>バックボーンの重み(&amp;B):</translation>
    </message>
    <message>
        <source>Default: the engine&apos;s search ($DEFECTLENS_WEIGHTS, models folders)</source>
        <translation>既定: エンジンによる検索（$DEFECTLENS_WEIGHTS、モデルフォルダー）</translation>
    </message>
    <message>
        <source>Used when loading models; its SHA-256 is still checked against the model</source>
        <translation>モデルの読み込み時に使用されます。SHA-256 は引き続きモデルと照合されます</translation>
    </message>
    <message>
        <source>Compute &amp;threads:</source>
        <translation>計算スレッド(&amp;T):</translation>
    </message>
    <message>
        <source>All cores</source>
        <translation>すべてのコア</translation>
    </message>
    <message>
        <source>Threads for the network and the nearest-neighbour search</source>
        <translation>ネットワークと最近傍探索に使用するスレッド数</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>テーマ(&amp;H):</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <source>Language and theme change at once; the compute threads apply to the next engine job.</source>
        <translation>言語とテーマはすぐに変更されます。計算スレッドは次のエンジンジョブから適用されます。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>Default: the login name (%1)</source>
        <translation>既定: ログイン名 (%1)</translation>
    </message>
    <message>
        <source>Recorded with your verdict overrides, annotations and model promotions</source>
        <translation>判定の上書き、アノテーション、モデルの採用と共に記録されます</translation>
    </message>
    <message>
        <source>Largest &amp;image:</source>
        <translation>最大画像サイズ(&amp;I):</translation>
    </message>
    <message>
        <source>Default (100 MP)</source>
        <translation>既定 (100 MP)</translation>
    </message>
    <message>
        <source>Images with more pixels are refused before decoding: a small compressed file can expand to gigabytes</source>
        <translation>これより多いピクセルの画像はデコード前に拒否されます。小さな圧縮ファイルが数 GB に展開されることがあります</translation>
    </message>
    <message>
        <source>An SQLite file, or postgresql://user@host/line1 for a database the line shares (password from DEFECTLENS_DB_PASSWORD or ~/.pgpass)</source>
        <translation>SQLite ファイル、またはラインで共有するデータベースの postgresql://user@host/line1 (パスワードは DEFECTLENS_DB_PASSWORD または ~/.pgpass から取得)</translation>
    </message>
    <message>
        <source>Leave the password out of the address: the settings are stored as plain text. Set DEFECTLENS_DB_PASSWORD or use ~/.pgpass.</source>
        <translation>アドレスにパスワードを含めないでください: 設定はプレーンテキストで保存されます。DEFECTLENS_DB_PASSWORD を設定するか ~/.pgpass を使用してください。</translation>
    </message>
</context>
<context>
    <name>dl::ui::SynthesisPreview</name>
    <message>
        <source>Generation cancelled.</source>
        <translation>生成をキャンセルしました。</translation>
    </message>
    <message>
        <source>Anomaly synthesis preview</source>
        <translation>異常合成プレビュー</translation>
    </message>
    <message>
        <source>SDAS model:</source>
        <translation>SDAS モデル:</translation>
    </message>
    <message>
        <source>Choose an SDAS model</source>
        <translation>SDAS モデルを選択</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>カテゴリ:</translation>
    </message>
    <message>
        <source>The model&apos;s first</source>
        <translation>モデルの最初のカテゴリ</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>強度:</translation>
    </message>
    <message>
        <source>The anomaly strength s: 0 gives normal-looking parts, larger values stronger anomalies. Moving the slider regenerates with the same seed.</source>
        <translation>異常の強度 s: 0 では正常に見える部品、値が大きいほど強い異常になります。スライダーを動かすと同じシードで再生成します。</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>シード:</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Choose an SDAS model (train one in the Training dock) and press Generate.</source>
        <translation>SDAS モデルを選択し（「学習」パネルで学習できます）、「生成」を押してください。</translation>
    </message>
    <message>
        <source>Choose an SDAS model first: train one in the Training dock (method &quot;SDAS (anomaly synthesis model)&quot;) or pick a .dlm file with Browse…</source>
        <translation>先に SDAS モデルを選択してください: 「学習」パネルで学習する（手法「SDAS（異常合成モデル）」）か、「参照…」で .dlm ファイルを選択します。</translation>
    </message>
    <message>
        <source>The SDAS model %1 does not exist.</source>
        <translation>SDAS モデル %1 は存在しません。</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>エンジンを待っています…</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) at strength %1, seed %2, %3×%3 pixels, generated in %4 s</source>
        <translation>
            <numerusform>%n 枚の画像（強度 %1、シード %2、%3×%3 ピクセル）を %4 秒で生成しました</numerusform>
        </translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens モデル (*.dlm)</translation>
    </message>
</context>
<context>
    <name>dl::ui::ThresholdDialog</name>
    <message>
        <source>Saved %1 with the threshold %2. It goes into use when you promote it in the model list.</source>
        <translation>しきい値 %2 で %1 を保存しました。モデル一覧で採用すると使用されます。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>Threshold of %1</source>
        <translation>%1 のしきい値</translation>
    </message>
    <message>
        <source>Choose the threshold by the share of good parts it may reject. Every normal training image is scored by a model trained without it (%1-fold cross-validation, as the model was trained), so the estimate rests on all of them, not on a few held-out images.</source>
        <translation>良品を不良とする割合でしきい値を選びます。各正常学習画像は、その画像を除いて学習したモデルで評価されます (%1 分割の交差検証、モデルと同じ学習)。推定は少数の保留画像ではなく全画像に基づきます。</translation>
    </message>
    <message>
        <source>&amp;Target false-reject rate:</source>
        <translation>目標の誤不良率(&amp;T):</translation>
    </message>
    <message>
        <source>Cross-validate &amp;again</source>
        <translation>再度交差検証(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cross-validate</source>
        <translation>交差検証(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save as new model</source>
        <translation>新しいモデルとして保存(&amp;S)</translation>
    </message>
    <message>
        <source>Writes a copy of the model with the chosen threshold; it goes into use when promoted</source>
        <translation>選んだしきい値でモデルのコピーを書き込みます。採用すると使用されます</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Image score</source>
        <translation>画像スコア</translation>
    </message>
    <message>
        <source>Share of images per bin</source>
        <translation>区間ごとの画像の割合</translation>
    </message>
    <message>
        <source>Cross-validation trains %1 models; it takes about %1 times as long as training this one.</source>
        <translation>交差検証は %1 個のモデルを学習します。このモデルの学習の約 %1 倍の時間がかかります。</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>エンジンを待機中…</translation>
    </message>
    <message numerus="yes">
        <source>%n good training image(s) cross-validated in %1 folds.</source>
        <translation>
            <numerusform>良品の学習画像 %n 枚を %1 分割で交差検証しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>expected false rejects %1 (95 %: %2 to %3; %4 of %5 good training images)</source>
        <translation>予想誤不良 %1 (95 %: %2 から %3、良品学習画像 %5 枚中 %4 枚)</translation>
    </message>
    <message>
        <source>on the test split: %1 of good parts rejected, %2 of defects caught</source>
        <translation>テストセットでは良品の %1 を不良判定、欠陥の %2 を検出</translation>
    </message>
    <message>
        <source>For the target: threshold %1, %2.</source>
        <translation>目標に対して: しきい値 %1、%2。</translation>
    </message>
    <message>
        <source>In use: threshold %1 (%2), %3.</source>
        <translation>使用中: しきい値 %1 (%2)、%3。</translation>
    </message>
    <message>
        <source>The threshold in use is expected to reject %1 of good parts, more than the target (%2). Save the chosen threshold as a new model and promote it, or retrain.</source>
        <translation>使用中のしきい値は良品の %1 を不良とする見込みで、目標 (%2) を超えています。選んだしきい値を新しいモデルとして保存して採用するか、再学習してください。</translation>
    </message>
    <message>
        <source>good, training (cross-validated)</source>
        <translation>良品、学習 (交差検証)</translation>
    </message>
    <message>
        <source>good, test split</source>
        <translation>良品、テスト</translation>
    </message>
    <message>
        <source>defective, test split</source>
        <translation>不良、テスト</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 を保存中…</translation>
    </message>
</context>
<context>
    <name>dl::ui::ThumbnailGrid</name>
    <message>
        <source>unreadable</source>
        <translation>読み取り不可</translation>
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
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>テスト</translation>
    </message>
    <message>
        <source>Score %1: %2</source>
        <translation>スコア %1: %2</translation>
    </message>
    <message>
        <source>annotated</source>
        <translation>アノテーション済み</translation>
    </message>
    <message>
        <source>No image of the dataset matches the filter.</source>
        <translation>フィルターに一致するデータセットの画像はありません。</translation>
    </message>
    <message>
        <source>No dataset open. File → Open dataset folder… shows its images here.</source>
        <translation>データセットが開かれていません。ファイル → データセットフォルダーを開く… で画像がここに表示されます。</translation>
    </message>
</context>
<context>
    <name>dl::ui::TrainingPanel</name>
    <message>
        <source>Training</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>手法:</translation>
    </message>
    <message>
        <source>Categories of the loaded datasets to train on</source>
        <translation>学習に使用する、読み込み済みデータセットのカテゴリ</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>カテゴリ:</translation>
    </message>
    <message>
        <source>One unified model for all checked categories</source>
        <translation>チェックしたすべてのカテゴリを 1 つの統合モデルで学習</translation>
    </message>
    <message>
        <source>Use defects annotated in the database as labelled defects</source>
        <translation>データベースでアノテーションされた欠陥をラベル付きの欠陥として使用</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>学習を開始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Retrain with annotations</source>
        <translation>アノテーションで再学習(&amp;R)</translation>
    </message>
    <message>
        <source>Warm-start DMAD from the active model with the defects annotated in the database; the active model stays in use until you promote the new one</source>
        <translation>データベースでアノテーションされた欠陥を使い、アクティブなモデルから DMAD をウォームスタートで再学習します。新しいモデルを採用するまでは、アクティブなモデルが引き続き使用されます</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Active model: none</source>
        <translation>アクティブなモデル: なし</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>エポック</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is unchanged.</source>
        <translation>学習をキャンセルしました。以前のモデルは変更されていません。</translation>
    </message>
    <message>
        <source>Active model: %1 (%2)</source>
        <translation>アクティブなモデル: %1（%2）</translation>
    </message>
    <message>
        <source>Import a dataset and check at least one category before training.</source>
        <translation>学習の前に、データセットをインポートして少なくとも 1 つのカテゴリをチェックしてください。</translation>
    </message>
    <message numerus="yes">
        <source>%n categories are checked: check one, or train one unified model.</source>
        <translation>
            <numerusform>%n 個のカテゴリがチェックされています。1 つだけチェックするか、1 つの統合モデルを学習してください。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import the dataset the annotations belong to before retraining.</source>
        <translation>再学習の前に、アノテーションが属するデータセットをインポートしてください。</translation>
    </message>
    <message>
        <source>Waiting for the engine…</source>
        <translation>エンジンを待っています…</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>残り約 %1</translation>
    </message>
    <message>
        <source>Saved %1 (%2 s)</source>
        <translation>%1 を保存しました（%2 秒）</translation>
    </message>
    <message>
        <source>SDAS training cancelled; its checkpoint is kept, and Start with the same categories resumes from it.</source>
        <translation>SDAS の学習をキャンセルしました。チェックポイントは保持され、同じカテゴリで開始するとそこから再開します。</translation>
    </message>
    <message>
        <source>SDAS (anomaly synthesis model)</source>
        <translation>SDAS（異常合成モデル）</translation>
    </message>
    <message>
        <source>Synthesis:</source>
        <translation>合成:</translation>
    </message>
    <message>
        <source>DTD textures</source>
        <translation>DTD テクスチャ</translation>
    </message>
    <message>
        <source>SDAS model</source>
        <translation>SDAS モデル</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>両方</translation>
    </message>
    <message>
        <source>How RealNet makes the anomalies it learns from: pasted DTD textures, images generated by an SDAS model, or both</source>
        <translation>RealNet が学習に使う異常の作り方: DTD テクスチャの貼り付け、SDAS モデルが生成した画像、またはその両方</translation>
    </message>
    <message>
        <source>SDAS model:</source>
        <translation>SDAS モデル:</translation>
    </message>
    <message>
        <source>No SDAS model yet</source>
        <translation>SDAS モデルはまだありません</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <source>Choose an SDAS model file (.dlm)</source>
        <translation>SDAS モデルファイル（.dlm）を選択</translation>
    </message>
    <message>
        <source>Trains the diffusion model RealNet&apos;s SDAS synthesis samples anomalies from, on the normal training images; it does not score images. Cancel keeps a checkpoint that the next Start resumes.</source>
        <translation>正常な学習画像で、RealNet の SDAS 合成が異常をサンプリングする拡散モデルを学習します。画像のスコアリングは行いません。キャンセルするとチェックポイントが保持され、次回の開始時に再開します。</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>反復</translation>
    </message>
    <message>
        <source>Choose an SDAS model</source>
        <translation>SDAS モデルを選択</translation>
    </message>
    <message>
        <source>DefectLens models (*.dlm)</source>
        <translation>DefectLens モデル (*.dlm)</translation>
    </message>
    <message>
        <source>Start resumes the interrupted SDAS training from its checkpoint %1 (with other parameters it starts afresh).</source>
        <translation>開始すると、中断した SDAS の学習をチェックポイント %1 から再開します（パラメータが異なる場合は最初から学習します）。</translation>
    </message>
    <message>
        <source>The SDAS parameters are not valid: %1</source>
        <translation>SDAS のパラメータが無効です: %1</translation>
    </message>
    <message>
        <source>RealNet&apos;s SDAS synthesis needs an SDAS model: train one with the method &quot;SDAS (anomaly synthesis model)&quot;, or choose a .dlm file with Browse…</source>
        <translation>RealNet の SDAS 合成には SDAS モデルが必要です: 手法「SDAS（異常合成モデル）」で学習するか、「参照…」で .dlm ファイルを選択してください。</translation>
    </message>
    <message>
        <source>The SDAS model %1 does not exist.</source>
        <translation>SDAS モデル %1 は存在しません。</translation>
    </message>
    <message>
        <source>Resumed from iteration %1 — %2</source>
        <translation>反復 %1 から再開 — %2</translation>
    </message>
    <message numerus="yes">
        <source>Saved SDAS model %1 (%n iteration(s), %2 s)</source>
        <translation>
            <numerusform>SDAS モデル %1 を保存しました（%n 反復、%2 秒）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved SDAS model %1 (%n iteration(s), %2 s; resumed from iteration %3)</source>
        <translation>
            <numerusform>SDAS モデル %1 を保存しました（%n 反復、%2 秒、反復 %3 から再開）</numerusform>
        </translation>
    </message>
    <message>
        <source>SDAS learns from normal images only; labelled defects are not used.</source>
        <translation>SDAS は正常画像のみから学習します。ラベル付き欠陥は使用されません。</translation>
    </message>
    <message>
        <source>The active model %1 was trained with %2, which does not learn from annotated defects. Train a new DMAD model with the annotations instead? The active model stays in use until you promote the new one.</source>
        <translation>有効なモデル %1 は %2 で学習されており、アノテーションされた欠陥から学習しません。代わりにアノテーションで新しい DMAD モデルを学習しますか? 新しいモデルを採用するまで有効なモデルが使われます。</translation>
    </message>
    <message>
        <source>Retrain with annotations</source>
        <translation>アノテーションで再学習</translation>
    </message>
    <message>
        <source>No training curve: %1 builds its model in one pass, without epochs.</source>
        <translation>学習曲線なし: %1 はエポックなしで一度にモデルを構築します。</translation>
    </message>
    <message>
        <source>Image size (px):</source>
        <translation>画像サイズ (px):</translation>
    </message>
    <message>
        <source>Epochs:</source>
        <translation>エポック数:</translation>
    </message>
    <message>
        <source>Memory bank share:</source>
        <translation>メモリバンクの割合:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学習率:</translation>
    </message>
    <message>
        <source>Batch size:</source>
        <translation>バッチサイズ:</translation>
    </message>
    <message>
        <source>Time budget per category (min):</source>
        <translation>カテゴリごとの時間予算 (分):</translation>
    </message>
    <message>
        <source>Resolution (px):</source>
        <translation>解像度 (px):</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>検証</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>検証損失</translation>
    </message>
    <message>
        <source>Parameter %1</source>
        <translation>パラメーター %1</translation>
    </message>
    <message>
        <source>One model for all categories</source>
        <translation>全カテゴリーで 1 つのモデル</translation>
    </message>
    <message>
        <source>Use annotated defects</source>
        <translation>アノテーション済みの欠陥を使用</translation>
    </message>
    <message>
        <source>Tiles (px, 0: whole image):</source>
        <translation>タイル（px、0：画像全体）：</translation>
    </message>
    <message>
        <source>Tile overlap (px):</source>
        <translation>タイルの重なり（px）：</translation>
    </message>
    <message>
        <source>Training cancelled; the previous model is unchanged. The completed epochs are kept, and Start with the same method, categories and parameters resumes after them.</source>
        <translation>学習を中止しました。以前のモデルは変更されていません。完了したエポックは保存されており、同じ手法・カテゴリ・パラメータで開始するとその続きから再開します。</translation>
    </message>
    <message>
        <source>Start resumes the interrupted training from its checkpoint %1, saved after its last complete epoch (with other parameters or images it starts afresh).</source>
        <translation>開始すると、最後に完了したエポックの後に保存されたチェックポイント %1 から中断した学習を再開します（パラメータや画像が異なる場合は最初から学習します）。</translation>
    </message>
    <message>
        <source>Resumed after epoch %1 — %2</source>
        <translation>エポック %1 の後から再開 — %2</translation>
    </message>
    <message>
        <source>%1 learns from labelled defects. %2</source>
        <translation>%1 はラベル付き欠陥から学習します。%2</translation>
    </message>
    <message>
        <source>%1 does not learn from labelled defects: they only set its decision threshold. Methods that learn from them: %2.</source>
        <translation>%1 はラベル付き欠陥から学習しません。欠陥は判定しきい値の設定にのみ使われます。欠陥から学習する手法: %2。</translation>
    </message>
    <message>
        <source>Retraining needs an active model: activate one in the model list first.</source>
        <translation>再学習にはアクティブなモデルが必要です。先にモデル一覧でモデルをアクティブにしてください。</translation>
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
        <source>Once the dataset is imported, start training a &lt;method&gt; model on it.</source>
        <translation>データセットのインポート後、そのデータセットで &lt;手法&gt; モデルの学習を開始します。</translation>
    </message>
    <message>
        <source>method</source>
        <translation>手法</translation>
    </message>
    <message>
        <source>Once the dataset is imported, compare two models &lt;before.dlm,after.dlm&gt; on it (annotated images excluded from the test split), offering to promote the second.</source>
        <translation>データセットのインポート後、そのデータセットで 2 つのモデル &lt;before.dlm,after.dlm&gt; を比較し（アノテーション済みの画像はテスト分割から除外）、2 つ目のモデルの採用を提案します。</translation>
    </message>
    <message>
        <source>models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>A training parameter &lt;key=value&gt; for --train (repeatable).</source>
        <translation>--train 用の学習パラメーター &lt;キー=値&gt;（複数指定可）。</translation>
    </message>
    <message>
        <source>key=value</source>
        <translation>キー=値</translation>
    </message>
    <message>
        <source>Open the annotation editor at start, on the image given with --image.</source>
        <translation>起動時に、--image で指定した画像でアノテーションエディターを開きます。</translation>
    </message>
    <message>
        <source>Show the import dialog with a preview of the folder &lt;dir&gt; at start.</source>
        <translation>起動時に、フォルダー &lt;フォルダー&gt; のプレビューを含むインポートダイアログを表示します。</translation>
    </message>
    <message>
        <source>Once the dataset is imported, open Models &gt; Threshold for &lt;model.dlm&gt; and start its cross-validation.</source>
        <translation>データセットの読み込み後、&lt;model.dlm&gt; のモデル &gt; しきい値を開いて交差検証を開始します。</translation>
    </message>
    <message>
        <source>Write the report of run &lt;run&gt; of the --db database to &lt;file.html&gt; (with .csv and .pdf beside it) at start.</source>
        <translation>起動時に --db データベースの実行 &lt;run&gt; のレポートを &lt;file.html&gt; に書き込みます (.csv と .pdf も)。</translation>
    </message>
    <message>
        <source>run:file.html</source>
        <translation>実行:ファイル.html</translation>
    </message>
    <message>
        <source>--report needs &lt;run&gt;:&lt;file.html&gt;, e.g. 3:report.html</source>
        <translation>--report には &lt;run&gt;:&lt;file.html&gt; が必要です (例: 3:report.html)</translation>
    </message>
    <message>
        <source>Start Line mode at start, watching the folder &lt;dir&gt;: with --model, with that model; else with the database&apos;s active model, following its promotions.</source>
        <translation>起動時にライン モードでフォルダー &lt;dir&gt; を監視します。--model を指定した場合はそのモデル、それ以外はデータベースの有効なモデルを使い、その昇格に追従します。</translation>
    </message>
    <message>
        <source>Open the results database &lt;database&gt; at start: an SQLite file, or postgresql://user@host/line1 for a database the line shares.</source>
        <translation>起動時に結果データベース &lt;データベース&gt; を開きます: SQLite ファイル、またはラインで共有するデータベースの postgresql://user@host/line1。</translation>
    </message>
    <message>
        <source>database</source>
        <translation>データベース</translation>
    </message>
</context>
</TS>
