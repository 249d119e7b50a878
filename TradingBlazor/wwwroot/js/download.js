// Saves a file the server streams to the page (an export of exactly what the page shows), without a round trip to a URL.
export async function saveFile(fileName, contentType, streamRef) {
    const blob = new Blob([await streamRef.arrayBuffer()], { type: contentType });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
}
