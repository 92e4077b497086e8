"""An operating-system error (a full disk, a read-only folder, no permission) told in the
webmaster's words: what could not be done, to which path, and what to do about it."""

from __future__ import annotations

import errno

_HINTS = {
    errno.ENOSPC: ("磁碟空間不足", "清出磁碟空間（例如刪除 .cache/ 資料夾或舊的備份）後再建置。"),
    errno.EDQUOT: ("超過磁碟配額", "請系統管理員提高配額，或清出空間後再建置。"),
    errno.EROFS: ("這個位置是唯讀的", "確認磁碟沒有以唯讀方式掛載；網站要建置在可以寫入的資料夾。"),
    errno.EACCES: ("沒有權限", "確認執行建置的使用者可以讀寫這個資料夾（例如用 ls -l 檢查擁有者），不要用別的帳號建置。"),
    errno.EPERM: ("作業系統不允許這個動作", "確認檔案沒有被鎖定或設成不可變更（例如 chattr +i），或請系統管理員協助。"),
    errno.EBUSY: ("這個位置正在使用中", "關閉正在使用它的程式（例如開著這個資料夾的檔案總管或網頁伺服器）後再建置。"),
    errno.ENOTEMPTY: ("資料夾裡還有刪不掉的檔案", "手動刪除這個資料夾後再建置。"),
    errno.ENAMETOOLONG: ("檔名太長", "縮短計畫代號或機關代號（它們會成為網址與檔名）。"),
    errno.EMFILE: ("同時開啟的檔案太多", "關閉其他程式後再建置，或請系統管理員提高上限（ulimit -n）。"),
    errno.ENOTDIR: ("路徑中有一段是檔案而不是資料夾", "檢查 mkdocs.yml 的 site_dir 與專案資料夾：路徑上的每一段都要是資料夾。"),
    errno.EEXIST: ("這裡已經有同名的檔案，不是資料夾", "把這個檔案改名或移走，或在 mkdocs.yml 把 site_dir 改到別的位置。"),
    errno.ENOENT: ("找不到這個位置", "確認資料夾存在（例如 site_dir 的上一層資料夾），再建置一次。"),
    errno.EIO: ("磁碟讀寫錯誤", "磁碟可能損壞；請檢查磁碟，或改在另一個磁碟建置。"),
}


def os_error_message(exc: OSError, doing: str) -> str:
    """「無法寫入網站檔案 site/x.html：磁碟空間不足。」 and a hint on the next line."""
    what, hint = _HINTS.get(exc.errno or 0, (exc.strerror or str(exc), "確認這個位置存在、可以寫入，再建置一次。"))
    where = f" {exc.filename}" if exc.filename else ""
    also = f"（以及 {exc.filename2}）" if getattr(exc, "filename2", None) else ""
    return f"{doing}{where}{also}：{what}。\n    提示：{hint}"
