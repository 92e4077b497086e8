"""本網站的範本（templates/）：網頁、列印（PDF）與佈景主題的外觀都在這裡。

- ``*.md.j2``：主動公開資訊各網頁（計畫、機關、縣市、瀏覽、開放資料、網站導覽）的內容。
- ``print.html.j2``、``_content.html.j2``、``print.css``：PDF 的內容與版面。
- ``main.html``、``404.html``、``partials/``：佈景主題（mkdocs-material）的覆寫：跳到主要內容、導盲磚、頁首、頁尾。

修改這裡的檔案就會改變網頁與 PDF（PDF 快取也會跟著更新）；說明見 README「修改網頁的外觀與文字」。
這個檔案讓安裝好的 plansite 套件找得到預設範本（套件名稱 build_scripts.templates），請勿刪除。
"""
