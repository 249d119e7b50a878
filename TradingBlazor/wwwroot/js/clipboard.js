// Copies text to the clipboard; false where the browser allows no clipboard (plain http beyond localhost).
export async function copy(text) {
    if (!navigator.clipboard) return false;
    try {
        await navigator.clipboard.writeText(text);
        return true;
    } catch {
        return false;
    }
}
